//! Uploads: import the spreadsheet, classify every item and store it all in one transaction.

use super::store::{self, Writer};
use super::{sha256_hex, BatchMeta, ServiceError};
use crate::classify::Classifier;
use crate::db::items::{NewItem, NewProblem};
use crate::db::{self, batches, Pool};
use crate::import::{self, ImportOptions, Record};
use std::sync::mpsc;

/// Records travel from the reading thread in chunks, as in `equipcheck check`.
const CHUNK: usize = 512;

type Rows = (Vec<NewItem>, Vec<NewProblem>);

/// Items per insert round trip.
const INSERT_BATCH: usize = 4096;

#[derive(Debug)]
pub struct Upload {
    pub project: String,
    /// The uploaded file's name: metadata only, never a path.
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub actor: crate::audit::Actor,
    pub request_id: Option<String>,
}

#[derive(Debug)]
pub struct Stored {
    pub batch: batches::Batch,
    /// False when a byte-identical upload to the same project already existed.
    pub created: bool,
}

/// Imports, classifies and stores an upload. A file that cannot be imported leaves nothing behind.
pub fn upload(
    pool: &Pool,
    classifier: &Classifier,
    options: &ImportOptions,
    input: Upload,
) -> Result<Stored, ServiceError> {
    let sha256 = sha256_hex(&[&input.bytes]);
    let mut conn = pool.get()?;
    if let Some(batch) = batches::find_upload(&mut conn, &input.project, &sha256)? {
        return Ok(Stored { batch, created: false });
    }
    let meta = BatchMeta {
        id: uuid::Uuid::new_v4().to_string(),
        project: input.project.clone(),
        file_name: input.file_name.clone(),
        sha256: sha256.clone(),
        source: batches::SOURCE_UPLOAD,
        user: input.actor.subject.clone(),
        actor: input.actor.clone(),
        request_id: input.request_id.clone(),
        idempotency_key: None,
    };
    let started = std::time::Instant::now();
    let sqlite = matches!(*conn, db::DbConnection::Sqlite(_));
    db::defer_checkpoint(&mut conn, true)?;
    let partner = db::projects::get(&mut conn, &meta.project)?.and_then(|p| p.partner_country);
    let stored = db::write(&mut conn, |conn| {
        store::begin(conn, &meta, classifier.catalog_version())?;
        // Three stages overlap, as `equipcheck check` overlaps reading and classifying: the import reads the
        // file, a second thread classifies, this thread (which holds the connection) inserts.
        let (records_tx, records_rx) = mpsc::sync_channel::<Vec<Record>>(16);
        let (rows_tx, rows_rx) = mpsc::sync_channel::<Rows>(16);
        let bytes = &input.bytes;
        let file_name = &input.file_name;
        let batch_id = &meta.id;
        let first = store::FirstScreening::of(&meta, classifier.catalog_version());
        let writer_first = first.clone();
        let no_resubmissions = std::collections::HashMap::new();
        std::thread::scope(|scope| {
            let reader = scope.spawn(move || {
                let mut chunk = Vec::with_capacity(CHUNK);
                let result = import::import_bytes(file_name, bytes, options, &mut |record| {
                    chunk.push(record);
                    if chunk.len() >= CHUNK {
                        // The receiver only goes away after an error downstream; the import then runs out.
                        let _ = records_tx.send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)));
                    }
                });
                let _ = records_tx.send(chunk);
                result
            });
            let classifying = scope.spawn(move || {
                let mut writer = Writer::new(classifier, batch_id, writer_first).with_partner_country(partner);
                for chunk in records_rx {
                    for record in chunk {
                        writer.add(record)?;
                    }
                    if rows_tx.send(writer.take_rows()).is_err() {
                        break;
                    }
                }
                Ok::<Writer<'_>, ServiceError>(writer)
            });
            // Rows go to the database in batches of INSERT_BATCH (one COPY each on PostgreSQL).
            let mut stored: Result<(), ServiceError> = Ok(());
            let (mut items, mut problems) = (Vec::new(), Vec::new());
            let mut flush = |items: &mut Vec<NewItem>, problems: &mut Vec<NewProblem>| {
                let result = store::insert_screened(conn, batch_id, items, &first, &no_resubmissions)
                    .and_then(|()| crate::db::items::insert_problems(conn, problems).map_err(ServiceError::from));
                items.clear();
                problems.clear();
                result
            };
            for (mut new_items, mut new_problems) in rows_rx {
                items.append(&mut new_items);
                problems.append(&mut new_problems);
                if items.len() >= INSERT_BATCH {
                    stored = flush(&mut items, &mut problems);
                    if stored.is_err() {
                        break;
                    }
                }
            }
            if stored.is_ok() {
                stored = flush(&mut items, &mut problems);
            }
            let stopped = || ServiceError::Internal("the spreadsheet reader stopped unexpectedly".into());
            let writer = classifying.join().map_err(|_| stopped());
            let layout = reader.join().map_err(|_| stopped())??;
            let mut writer = writer??;
            stored?;
            let layout_json = serde_json::to_string(&layout).ok();
            let summary = writer.finish(conn, layout_json.as_deref())?;
            store::record(conn, &meta, &summary, classifier.catalog_version())?;
            tracing::info!(batch = %meta.id, items = summary.items(), problems = summary.problems,
                elapsed_ms = started.elapsed().as_millis() as u64, "upload imported, classified and inserted");
            Ok::<(), ServiceError>(())
        })?;
        Ok::<_, ServiceError>(())
    });
    let _ = db::defer_checkpoint(&mut conn, false);
    if sqlite {
        db::checkpoint_in_background(pool);
    }
    match stored {
        Ok(()) => {}
        // Another request stored the same file meanwhile: answer with its batch.
        Err(ServiceError::Db(e)) if e.is_unique_violation() => {
            if let Some(batch) = batches::find_upload(&mut conn, &input.project, &sha256)? {
                return Ok(Stored { batch, created: false });
            }
            return Err(ServiceError::Db(e));
        }
        Err(e) => return Err(e),
    }
    tracing::info!(batch = %meta.id, elapsed_ms = started.elapsed().as_millis() as u64, "upload committed");
    let batch = batches::get(&mut conn, &meta.id)?
        .ok_or_else(|| ServiceError::Internal("the stored batch is missing".into()))?;
    if batch.item_count >= db::ANALYZE_AFTER_ITEMS as i64 {
        // The batch is stored either way; stale statistics only make later queries slower.
        if let Err(e) = db::refresh_item_statistics(&mut conn) {
            tracing::warn!(batch = %meta.id, error = %e, "refreshing the planner statistics failed");
        }
    }
    Ok(Stored { batch, created: true })
}
