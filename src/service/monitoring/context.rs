//! What the pages show around a delivery beyond the API's delivery page: what was delivered (item, decision,
//! batch, certificate), its incidents and transfer-consent requests; and the approved items a delivery may be
//! recorded for.

use super::deliveries::visible_delivery;
use super::{Outcome, Who};
use crate::db::monitoring::records::{self, DeliverableItem, Scope};
use crate::db::monitoring::{events, Certificate, Incident, TransferConsent};
use crate::db::{batches, items, DbConnection};

#[derive(Debug, Clone)]
pub struct DeliveredWhat {
    pub item_description: String,
    pub decision: Option<String>,
    /// The batch the item came from: id and file name.
    pub batch: Option<(String, String)>,
    pub certificate: Option<Certificate>,
    pub incidents: Vec<Incident>,
    pub consents: Vec<TransferConsent>,
}

pub fn delivered_what(conn: &mut DbConnection, who: &Who, delivery_id: &str) -> Outcome<DeliveredWhat> {
    let delivery = visible_delivery(conn, who, delivery_id)?;
    let item = items::get(conn, delivery.item_id)?.map(|(item, _)| item);
    let batch = match &item {
        Some(item) => batches::get(conn, &item.batch_id)?.map(|b| (b.id, b.file_name)),
        None => None,
    };
    let certificate = match &delivery.certificate_id {
        Some(id) => records::certificate(conn, id)?,
        None => None,
    };
    Ok(DeliveredWhat {
        item_description: item
            .as_ref()
            .map_or_else(|| delivery.description.clone(), |i| i.description.clone()),
        decision: item.map(|i| i.decision),
        batch,
        certificate,
        incidents: events::incidents_of_delivery(conn, &delivery.id)?,
        consents: events::consents_of_delivery(conn, &delivery.id)?,
    })
}

/// Items a delivery may be recorded for: approved and not prohibited, in the caller's projects.
pub fn deliverable_items(conn: &mut DbConnection, who: &Who, project: Option<String>) -> Outcome<Vec<DeliverableItem>> {
    let scope = Scope {
        projects: who.projects.clone(),
        project,
    };
    Ok(records::deliverable_items(conn, &scope, 500)?)
}
