//! Uploads: import the spreadsheet, classify every item and store it all in one transaction.

use super::store::{self, Writer};
use super::{sha256_hex, BatchMeta, ServiceError};
use crate::classify::Classifier;
use crate::db::{self, batches, Pool};
use crate::import::{self, ImportOptions, Record};
use std::sync::mpsc;

/// Records travel from the reading thread in chunks, as in `equipcheck check`.
const CHUNK: usize = 512;

#[derive(Debug)]
pub struct Upload {
    pub project: String,
    /// The uploaded file's name: metadata only, never a path.
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub user: String,
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
        user: input.user.clone(),
    };
    let stored = db::write(&mut conn, |conn| {
        store::begin(conn, &meta, classifier.catalog_version())?;
        let mut writer = Writer::new(classifier, &meta.id);
        let (sender, receiver) = mpsc::sync_channel::<Vec<Record>>(16);
        let bytes = &input.bytes;
        let file_name = &input.file_name;
        std::thread::scope(|scope| {
            let reader = scope.spawn(move || {
                let mut chunk = Vec::with_capacity(CHUNK);
                let result = import::import_bytes(file_name, bytes, options, &mut |record| {
                    chunk.push(record);
                    if chunk.len() >= CHUNK {
                        // The receiver only goes away after a storage error; the import then runs out.
                        let _ = sender.send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)));
                    }
                });
                let _ = sender.send(chunk);
                result
            });
            let mut stored: Result<(), ServiceError> = Ok(());
            for chunk in receiver {
                for record in chunk {
                    if stored.is_ok() {
                        stored = writer.push(conn, record);
                    }
                }
                if stored.is_err() {
                    break;
                }
            }
            let layout = reader
                .join()
                .map_err(|_| ServiceError::Internal("the spreadsheet reader stopped unexpectedly".into()))??;
            stored?;
            let layout_json = serde_json::to_string(&layout).ok();
            writer.finish(conn, layout_json.as_deref())?;
            Ok::<(), ServiceError>(())
        })?;
        Ok::<_, ServiceError>(())
    });
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
    let batch = batches::get(&mut conn, &meta.id)?
        .ok_or_else(|| ServiceError::Internal("the stored batch is missing".into()))?;
    Ok(Stored { batch, created: true })
}
