//! End-use monitoring tables: certificates, deliveries, serials, inspections, incidents, transfer consents,
//! disposals and obligations. Rows are read and written whole; the rules are in `crate::monitoring` and the
//! transactions in `crate::service::monitoring`.

pub mod events;
pub mod feeds;
pub mod obligations;
pub mod records;

use super::schema::{
    deliveries, disposals, end_user_certificates, incidents, inspection_results, inspections, obligations as obl,
    serials, transfer_consents,
};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

/// A signed end-user certificate (Council Decision (CFSP) 2021/38 common elements).
#[derive(Debug, Clone, Queryable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = end_user_certificates, treat_none_as_default_value = false)]
pub struct Certificate {
    pub id: String,
    pub project_id: String,
    /// The certificate's own number.
    pub reference: String,
    /// Issuing authority.
    pub issuer: String,
    pub end_user: String,
    pub consignee: String,
    pub final_destination: String,
    /// End-use statement.
    pub end_use: String,
    /// No re-export or transfer without prior written consent.
    pub no_reexport: bool,
    /// Consent to on-site checks.
    pub onsite_checks: bool,
    pub issued_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    /// SHA-256 of the signed copy.
    pub document_sha256: Option<String>,
    pub created_by: String,
    #[serde(serialize_with = "crate::db::utc::serialize")]
    #[schema(value_type = chrono::DateTime<chrono::Utc>)]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = deliveries, treat_none_as_default_value = false)]
pub struct Delivery {
    pub id: String,
    pub project_id: String,
    /// The approved item delivered.
    pub item_id: i64,
    pub certificate_id: Option<String>,
    /// The item's description.
    pub description: String,
    /// Units in this delivery (a delivery may be partial).
    pub quantity: i64,
    pub delivered_on: NaiveDate,
    pub receiving_unit: String,
    pub location: String,
    /// Partner country (the project's unless given).
    pub country: Option<String>,
    /// Monitoring profile: none, routine or enhanced.
    pub profile: String,
    pub confirmed_on: Option<NaiveDate>,
    pub confirmed_by: Option<String>,
    pub created_by: String,
    #[serde(serialize_with = "crate::db::utc::serialize")]
    #[schema(value_type = chrono::DateTime<chrono::Utc>)]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = serials, treat_none_as_default_value = false)]
pub struct Serial {
    pub id: String,
    pub project_id: String,
    pub delivery_id: String,
    pub serial_number: String,
    pub model: Option<String>,
    pub custodian: Option<String>,
    pub location: Option<String>,
    /// in_service, lost, stolen, transferred, destroyed or disposed.
    #[schema(value_type = crate::monitoring::SerialStatus)]
    pub status: String,
    /// Day the serial was last seen (delivery or an inspection that sighted it).
    pub last_seen_on: Option<NaiveDate>,
    pub last_seen_location: Option<String>,
    /// `delivery`, or the id of the inspection.
    pub last_seen_by: Option<String>,
    #[serde(serialize_with = "crate::db::utc::serialize")]
    #[schema(value_type = chrono::DateTime<chrono::Utc>)]
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = inspections, treat_none_as_default_value = false)]
pub struct Inspection {
    pub id: String,
    pub project_id: String,
    pub delivery_id: String,
    /// initial, periodic, post_shipment or spot.
    pub kind: String,
    /// full or sample.
    pub method: String,
    pub planned_on: Option<NaiveDate>,
    /// Set when the inspection was done; until then it is planned.
    pub done_on: Option<NaiveDate>,
    pub inspector: Option<String>,
    pub findings: Option<String>,
    /// JSON array of evidence references (photos, reports).
    pub evidence: String,
    pub created_by: String,
    #[serde(serialize_with = "crate::db::utc::serialize")]
    #[schema(value_type = chrono::DateTime<chrono::Utc>)]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = inspection_results, treat_none_as_default_value = false)]
pub struct InspectionResult {
    pub inspection_id: String,
    pub serial_id: String,
    /// sighted, not_sighted, damaged or not_in_service.
    pub result: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Queryable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = incidents, treat_none_as_default_value = false)]
pub struct Incident {
    pub id: String,
    pub project_id: String,
    pub delivery_id: String,
    pub serial_id: Option<String>,
    /// The inspection that found it, for unsighted serials.
    pub inspection_id: Option<String>,
    /// loss, theft, misuse, unsighted or damage.
    pub kind: String,
    pub discovered_on: NaiveDate,
    pub description: String,
    pub reported_on: Option<NaiveDate>,
    pub reported_to: Option<String>,
    pub created_by: String,
    #[serde(serialize_with = "crate::db::utc::serialize")]
    #[schema(value_type = chrono::DateTime<chrono::Utc>)]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = transfer_consents, treat_none_as_default_value = false)]
pub struct TransferConsent {
    pub id: String,
    pub project_id: String,
    pub delivery_id: String,
    /// JSON array of the serial numbers to transfer.
    pub serial_numbers: String,
    pub transferee: String,
    pub reason: String,
    pub requested_on: NaiveDate,
    /// pending, granted or refused.
    pub decision: String,
    pub decided_on: Option<NaiveDate>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
    pub created_by: String,
    #[serde(serialize_with = "crate::db::utc::serialize")]
    #[schema(value_type = chrono::DateTime<chrono::Utc>)]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = disposals, treat_none_as_default_value = false)]
pub struct Disposal {
    pub id: String,
    pub project_id: String,
    pub serial_id: String,
    pub disposed_on: NaiveDate,
    /// How: destruction, demilitarisation, return...
    pub method: String,
    pub witness: String,
    /// Reference of the destruction certificate.
    pub certificate_ref: String,
    pub created_by: String,
    #[serde(serialize_with = "crate::db::utc::serialize")]
    #[schema(value_type = chrono::DateTime<chrono::Utc>)]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = obl, treat_none_as_default_value = false)]
pub struct Obligation {
    pub id: String,
    pub project_id: String,
    pub delivery_id: String,
    pub serial_id: Option<String>,
    /// The incident or transfer-consent request that opened it.
    pub source_id: Option<String>,
    /// delivery_confirmation, initial_inventory, periodic_inventory, incident_report or transfer_answer.
    pub kind: String,
    pub profile: String,
    pub country: Option<String>,
    pub opened_on: NaiveDate,
    pub due_on: NaiveDate,
    pub fulfilled_on: Option<NaiveDate>,
    /// What fulfilled it: an inspection id, `confirmation`, an incident report...
    pub fulfilled_by: Option<String>,
    pub waived_on: Option<NaiveDate>,
    pub waived_by: Option<String>,
    pub waiver_justification: Option<String>,
    #[serde(serialize_with = "crate::db::utc::serialize")]
    #[schema(value_type = chrono::DateTime<chrono::Utc>)]
    pub created_at: NaiveDateTime,
}

/// A new random id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
