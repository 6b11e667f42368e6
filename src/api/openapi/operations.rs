//! Names and words of every operation: a unique operationId (resource and action, camelCase), a one-line
//! summary and a description. Kept in one table so a new route gets its name beside the others; the contract
//! test fails when a served operation is missing here.

/// One documented operation.
pub struct Operation {
    pub method: &'static str,
    pub path: &'static str,
    pub id: &'static str,
    pub summary: &'static str,
    pub description: &'static str,
}

const fn op(
    method: &'static str,
    path: &'static str,
    id: &'static str,
    summary: &'static str,
    description: &'static str,
) -> Operation {
    Operation {
        method,
        path,
        id,
        summary,
        description,
    }
}

pub const OPERATIONS: &[Operation] = &[
    op(
        "get",
        "/health",
        "getHealth",
        "Liveness",
        "Answers 200 while the process runs; touches nothing else.",
    ),
    op(
        "get",
        "/ready",
        "getReadiness",
        "Readiness",
        "Database reachable, migrations applied and the catalogue version loaded; 503 otherwise.",
    ),
    op(
        "post",
        "/auth/login",
        "login",
        "Sign in with name and password",
        "Exchanges a local account's name and password for a short-lived bearer token. Ten wrong passwords for an \
         account within 15 minutes lock it (429 with Retry-After) until the window ends.",
    ),
    op(
        "get",
        "/docs",
        "getApiReference",
        "API reference (HTML)",
        "This document rendered on the server as one HTML page: no script, nothing loaded from elsewhere.",
    ),
    op(
        "get",
        "/api/v1/openapi.json",
        "getOpenApiDocument",
        "This OpenAPI document",
        "The contract of the API. Public like /docs: it describes the API and holds no data. Limits it states \
         (page size, items per classification) are this instance's settings.",
    ),
    op(
        "get",
        "/problems/{code}",
        "getProblemType",
        "What a problem code means",
        "The page a problem's `type` URI points to: the code, its HTTP status, what causes it and how to fix the \
         request. HTML for browsers, JSON when asked with `Accept: application/json`.",
    ),
    op(
        "get",
        "/api/v1/projects",
        "listProjects",
        "List projects",
        "The projects the token grants (admins: every project), with partner country, recipient and funding line.",
    ),
    op(
        "put",
        "/api/v1/projects/{project}",
        "putProject",
        "Create or describe a project",
        "Admins only. Creates the project (201) or replaces its description (200).",
    ),
    op(
        "post",
        "/api/v1/batches",
        "uploadBatch",
        "Upload a spreadsheet",
        "Multipart upload of `project` and `file` (XLSX, XLSM, XLSB, XLS, ODS, CSV): every row is imported, \
         classified and stored in one transaction. The same file again in the same project answers 200 with the \
         existing batch. A file larger than the server's threshold (`--async-threshold-bytes`, 16 MiB by default) is \
         imported in the background: the answer is 202 with `Location: /api/v1/jobs/{job}` to follow.",
    ),
    op(
        "get",
        "/api/v1/batches",
        "listBatches",
        "List batches",
        "Batches of the token's projects, newest first, one page at a time (`Link` header with next/prev).",
    ),
    op(
        "get",
        "/api/v1/batches/{batch}",
        "getBatch",
        "Read a batch",
        "One batch with its summary by decision and review state. Send `If-None-Match` with the last ETag to get 304 \
         when nothing changed.",
    ),
    op(
        "get",
        "/api/v1/batches/{batch}/items",
        "listBatchItems",
        "List a batch's items",
        "Items with decision, entries, explanation and review status; filter by decision, review status or text.",
    ),
    op(
        "get",
        "/api/v1/batches/{batch}/problems",
        "listBatchProblems",
        "List a batch's import problems",
        "What could not be read, by sheet, row and column, with the value and how to fix it.",
    ),
    op(
        "get",
        "/api/v1/batches/{batch}/export.csv",
        "exportBatchCsv",
        "Export the screening as CSV",
        "One CSV row per item with decision, entries, evidence and questions (formula-safe cells).",
    ),
    op(
        "get",
        "/api/v1/batches/{batch}/decisions.csv",
        "exportBatchDecisionsCsv",
        "Export the decisions as CSV",
        "One row per item with its decision and review outcome: reviewer, justification, date.",
    ),
    op(
        "get",
        "/api/v1/batches/{batch}/decisions.xlsx",
        "exportBatchDecisionsXlsx",
        "Export the decisions as XLSX",
        "The decisions report as a workbook: a Decisions sheet and a Summary sheet.",
    ),
    op(
        "get",
        "/api/v1/items/{item}",
        "getItem",
        "Read an item",
        "One item with its full classification and evidence and its review. The ETag is its version: send it back \
         as If-Match with a review step or an edit, or as If-None-Match to get 304 when nothing changed.",
    ),
    op(
        "patch",
        "/api/v1/items/{item}",
        "editItem",
        "Change an item's data",
        "Changes description, codes or other fields with a reason; the item is classified again and goes back to \
         review. Needs the version last read (If-Match or `version`).",
    ),
    op(
        "post",
        "/api/v1/items/{item}/decisions",
        "decideItem",
        "Take a review step",
        "approve, reject, reclassify, confirm or decline a reclassification, ask the uploader, or answer. Needs the \
         version last read (If-Match or `version`); a stale one answers 409. Nobody decides on their own upload.",
    ),
    op(
        "get",
        "/api/v1/items/{item}/history",
        "getItemHistory",
        "An item's audit trail",
        "The item's audit records, newest first, refused attempts included.",
    ),
    op(
        "post",
        "/api/v1/batches/{batch}/approve-clear",
        "approveClearItems",
        "Approve a batch's clear items",
        "Approves every pending `clear` item of the batch (or the listed ones) with one justification; each gets \
         its own audit record.",
    ),
    op(
        "get",
        "/api/v1/review/queue",
        "listReviewQueue",
        "The review queue",
        "Items awaiting a human (pending, on hold, proposed), oldest batch first, with counts by status.",
    ),
    op(
        "get",
        "/api/v1/audit",
        "listAuditRecords",
        "Search the audit trail",
        "Hash-chained audit records of the token's projects, newest first, filtered by entity, actor, action, \
         outcome and time.",
    ),
    op(
        "post",
        "/api/v1/classify",
        "classifyItems",
        "Pre-check items",
        "Classifies one item or an array of items without storing anything. Each result echoes the item's \
         `line_ref`; an array is answered in the same order. Duplicate `line_ref` values are refused.",
    ),
    op(
        "post",
        "/api/v1/screen/parties",
        "screenParties",
        "Screen parties against the sanctions lists",
        "Screens up to 1000 names (suppliers, manufacturers, end users, consignees) against the loaded sanctions \
         lists (UN, EU, US OFAC, UK), storing nothing. Names are compared after folding case, accents, \
         transliteration, legal forms and word order; each match names the list and its version, the listed \
         entity, the name or alias that matched, its programmes, the score and why, and a reviewer's 'not the same \
         entity' when one still holds. 503 when no list is loaded.",
    ),
    op(
        "post",
        "/api/v1/purchase-orders",
        "submitPurchaseOrder",
        "Submit a purchase order",
        "The order's lines as JSON lines (`application/x-ndjson`) or as a JSON object `{\"lines\": [...]}`, \
         classified and stored as a batch. Idempotent on `Idempotency-Key` and on the natural key (project, \
         reference): the same order again answers 200 with the stored batch, a different order under a used \
         reference 409.",
    ),
    op(
        "get",
        "/api/v1/purchase-orders",
        "getPurchaseOrder",
        "Find a purchase order by its reference",
        "The batch stored for the ERP's order reference in a project (404 if none).",
    ),
    op(
        "get",
        "/api/v1/catalog",
        "getCatalog",
        "Catalogue version",
        "The loaded catalogue's version, publication date and legal acts.",
    ),
    op(
        "get",
        "/api/v1/catalog/entries",
        "listCatalogEntries",
        "Search the catalogue",
        "Catalogue entries by code, alias or title, optionally of one list.",
    ),
    op(
        "get",
        "/api/v1/catalog/entries/{code}",
        "getCatalogEntry",
        "Read a catalogue entry",
        "One entry with its legal source, words in five languages, models, calibres and negative phrases.",
    ),
    op(
        "post",
        "/api/v1/certificates",
        "createCertificate",
        "Record an end-user certificate",
        "Monitors and admins. The certificate a delivery of a monitored item refers to.",
    ),
    op(
        "get",
        "/api/v1/certificates",
        "listCertificates",
        "List end-user certificates",
        "Certificates of the token's projects, one page at a time.",
    ),
    op(
        "get",
        "/api/v1/certificates/{certificate}",
        "getCertificate",
        "Read an end-user certificate",
        "One certificate.",
    ),
    op(
        "post",
        "/api/v1/deliveries",
        "createDelivery",
        "Record a delivery",
        "Monitors and admins. Records the delivery of an approved item (never a prohibited one), checks its \
         certificate and serials, and opens its monitoring obligations.",
    ),
    op(
        "get",
        "/api/v1/deliveries",
        "listDeliveries",
        "List deliveries",
        "Deliveries of the token's projects, one page at a time.",
    ),
    op(
        "get",
        "/api/v1/deliveries/{delivery}",
        "getDelivery",
        "Read a delivery",
        "The delivery, what it still owes, its serials and where each was last seen, and its reconciliation.",
    ),
    op(
        "post",
        "/api/v1/deliveries/{delivery}/confirmation",
        "confirmDelivery",
        "Confirm a delivery's receipt",
        "Fulfils the delivery-confirmation obligation.",
    ),
    op(
        "post",
        "/api/v1/deliveries/{delivery}/serials",
        "addDeliverySerials",
        "Add serial numbers",
        "Adds serial numbers to a delivery (at most its quantity).",
    ),
    op(
        "post",
        "/api/v1/deliveries/{delivery}/serials/import",
        "importDeliverySerials",
        "Import a packing list",
        "Multipart upload of a packing list with a serial-number column; problems are named by sheet, row and column.",
    ),
    op(
        "get",
        "/api/v1/serials",
        "listSerials",
        "List serials",
        "Serials with custodian, status and where each was last seen, one page at a time.",
    ),
    op(
        "put",
        "/api/v1/serials/{serial}",
        "updateSerial",
        "Update a serial",
        "Changes a serial's custodian or status.",
    ),
    op(
        "post",
        "/api/v1/inspections",
        "recordInspection",
        "Record an inspection",
        "An inventory or spot check with a result per serial; a serial not sighted opens an incident.",
    ),
    op(
        "post",
        "/api/v1/inspections/planned",
        "planInspection",
        "Plan an inspection",
        "Schedules an inspection to complete later.",
    ),
    op(
        "get",
        "/api/v1/inspections",
        "listInspections",
        "List inspections",
        "Inspections of the token's projects, one page at a time.",
    ),
    op(
        "get",
        "/api/v1/inspections/{inspection}",
        "getInspection",
        "Read an inspection",
        "One inspection with its results.",
    ),
    op(
        "post",
        "/api/v1/inspections/{inspection}/results",
        "completeInspection",
        "Complete a planned inspection",
        "Records the results of a planned inspection.",
    ),
    op(
        "post",
        "/api/v1/incidents",
        "recordIncident",
        "Record an incident",
        "Loss, theft, misuse or damage, of a serial or a delivery; opens the report owed within the profile's hours.",
    ),
    op(
        "get",
        "/api/v1/incidents",
        "listIncidents",
        "List incidents",
        "Incidents of the token's projects, one page at a time.",
    ),
    op(
        "post",
        "/api/v1/incidents/{incident}/report",
        "reportIncident",
        "Report an incident",
        "Records to whom and when the incident was reported; fulfils its obligation.",
    ),
    op(
        "post",
        "/api/v1/transfer-consents",
        "requestTransferConsent",
        "Request a transfer consent",
        "A request to re-transfer serials to another holder; it must be answered.",
    ),
    op(
        "get",
        "/api/v1/transfer-consents",
        "listTransferConsents",
        "List transfer consents",
        "Transfer consent requests of the token's projects, one page at a time.",
    ),
    op(
        "post",
        "/api/v1/transfer-consents/{consent}/decision",
        "decideTransferConsent",
        "Answer a transfer consent",
        "Grants or refuses; a granted transfer marks its serials transferred.",
    ),
    op(
        "post",
        "/api/v1/disposals",
        "recordDisposal",
        "Record a disposal",
        "The serial leaves service for good; when nothing of the delivery is held, its inventories are waived.",
    ),
    op(
        "get",
        "/api/v1/disposals",
        "listDisposals",
        "List disposals",
        "Disposals of the token's projects, one page at a time.",
    ),
    op(
        "get",
        "/api/v1/obligations",
        "listObligations",
        "List monitoring obligations",
        "Obligations with their state on `as_of` (upcoming, due_soon, overdue, fulfilled, waived) and counts.",
    ),
    op(
        "post",
        "/api/v1/obligations/{obligation}/waiver",
        "waiveObligation",
        "Waive an obligation",
        "Waives an open obligation with a justification kept in the audit trail.",
    ),
    op(
        "get",
        "/api/v1/projects/{project}/reconciliation",
        "getProjectReconciliation",
        "Reconcile a project's serials",
        "Serials delivered against serials accounted for, per delivery.",
    ),
    op(
        "get",
        "/api/v1/projects/{project}/inspections.ics",
        "getProjectInspectionCalendar",
        "Inspection calendar",
        "The project's planned inspections and inventories due, as iCalendar.",
    ),
    op(
        "post",
        "/api/v1/projects/{project}/calendar-feed",
        "createCalendarFeed",
        "Create or rotate a calendar feed URL",
        "A secret URL for calendar applications, shown once; any earlier URL of the project stops working.",
    ),
    op(
        "delete",
        "/api/v1/projects/{project}/calendar-feed",
        "revokeCalendarFeed",
        "Revoke the calendar feed URL",
        "The URL answers 404 from now on.",
    ),
    op(
        "get",
        "/api/v1/feeds/{token}/inspections.ics",
        "getCalendarFeed",
        "Calendar feed by secret URL",
        "The project's inspection calendar for calendar applications that cannot send a bearer token.",
    ),
    op(
        "get",
        "/api/v1/events",
        "listEvents",
        "Follow the change feed",
        "Events of the token's projects in commit order after the cursor `after`: batches created and their \
         review state changes, item screenings and review steps, obligations created, fulfilled and waived. Poll \
         with `next_cursor` (or the `Link: rel=\"next\"` address); a cursor stays valid forever.",
    ),
    op(
        "post",
        "/api/v1/projects/{project}/webhooks",
        "createWebhook",
        "Subscribe a URL to the project's events",
        "Each event of the project is POSTed to the URL, signed with `Equipcheck-Signature: t=<unix>,v1=<hex \
         HMAC-SHA256(secret, \"<t>.<body>\")>`; failed deliveries are retried with exponential backoff. The secret is \
         shown once. Admins and ERP accounts of the project.",
    ),
    op(
        "get",
        "/api/v1/projects/{project}/webhooks",
        "listWebhooks",
        "List the project's webhooks",
        "The project's subscriptions, without their secrets.",
    ),
    op(
        "get",
        "/api/v1/projects/{project}/webhooks/{webhook}",
        "getWebhook",
        "Read a webhook",
        "One subscription, without its secret.",
    ),
    op(
        "delete",
        "/api/v1/projects/{project}/webhooks/{webhook}",
        "deleteWebhook",
        "Unsubscribe",
        "Removes the subscription and its delivery log; queued deliveries are dropped.",
    ),
    op(
        "get",
        "/api/v1/projects/{project}/webhooks/{webhook}/deliveries",
        "listWebhookDeliveries",
        "Delivery log of a webhook",
        "Every delivery with its state (pending, delivered, failed), attempts, and the receiver's last status.",
    ),
    op(
        "post",
        "/api/v1/projects/{project}/webhooks/{webhook}/deliveries/{delivery}/replay",
        "replayWebhookDelivery",
        "Send a delivery's event again",
        "Queues the event of an earlier delivery again, as a new delivery (for a receiver that lost it).",
    ),
    op(
        "post",
        "/api/v1/items/{item}/party-settlements",
        "settleItemParty",
        "Settle a party match as not the same entity",
        "A reviewer (never the uploader, submitter or editor of the line) records with a justification that the \
         line's supplier or end user is not the listed entity its finding names. Kept in the database and audited; \
         the name is not raised against that entity again until the list changes the entity's record.",
    ),
    op(
        "get",
        "/api/v1/jobs/{job}",
        "getJob",
        "Follow a background job",
        "An upload larger than the server's threshold for a synchronous answer is accepted with `202` and \
         `Location: /api/v1/jobs/{job}`. Poll this until `state` is `succeeded` (then `batch` is the batch's path) or \
         `failed` (then `problem` is what the synchronous upload would have answered).",
    ),
];

/// The table's entry for an operation.
pub fn find(method: &str, path: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|o| o.method == method && o.path == path)
}
