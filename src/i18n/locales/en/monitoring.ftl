# The monitoring back office: obligations, deliveries, certificates, serials, inspections, incidents,
# transfers, disposals, waivers and the calendar feed.

mon-title = Monitoring
mon-delivery-title = Delivery
mon-nav-label = Monitoring pages
mon-nav-obligations = Obligations
mon-nav-deliveries = Deliveries
mon-nav-certificates = Certificates
mon-nav-serials = Serial numbers
mon-nav-incidents = Incidents
mon-nav-feed = Calendar feed

mon-all = all
mon-show = Show
mon-project = Project
mon-country = Country
mon-country-optional = Country (if not the project's partner country)
mon-as-of = As of { $date }.
mon-counts-label = Obligations by state
mon-chart-label = Obligations due per month, by state, six months back and six ahead
mon-chart-caption = Due per month:
mon-by-country = By country
mon-open-obligations = Open obligations
mon-nothing-due = Nothing is due.
mon-due = Due
mon-state = State
mon-what = What
mon-days-late = { $days ->
    [one] 1 day late
   *[other] { $days } days late
}
mon-count-found = { $count ->
    [one] 1 found
   *[other] { $count } found
}
mon-pages = Pages
mon-page-previous = ← Previous
mon-page-next = Next →
mon-page-shown = { $first }–{ $last } of { $total }

mon-state-upcoming = Upcoming
mon-state-due_soon = Due soon
mon-state-overdue = Overdue
mon-state-fulfilled = Fulfilled
mon-state-waived = Waived

mon-obligation-delivery_confirmation = Delivery confirmation for the delivery of { $item } ({ $date })
mon-obligation-initial_inventory = Initial inventory of the delivery of { $item } ({ $date })
mon-obligation-periodic_inventory = Periodic inventory of the delivery of { $item } ({ $date })
mon-obligation-incident_report = Incident report for the delivery of { $item } ({ $date })
mon-obligation-transfer_answer = Answer to a transfer request for the delivery of { $item } ({ $date })

mon-profile-none = no monitoring
mon-profile-routine = routine monitoring
mon-profile-enhanced = enhanced monitoring

mon-serial-status-in_service = In service
mon-serial-status-lost = Lost
mon-serial-status-stolen = Stolen
mon-serial-status-transferred = Transferred
mon-serial-status-destroyed = Destroyed
mon-serial-status-disposed = Disposed of

mon-incident-kind-loss = Loss
mon-incident-kind-theft = Theft
mon-incident-kind-misuse = Misuse
mon-incident-kind-unsighted = Not sighted at an inspection
mon-incident-kind-damage = Damage

mon-result-sighted = Sighted
mon-result-not_sighted = Not sighted
mon-result-damaged = Damaged
mon-result-not_in_service = Not in service

mon-inspection-kind-initial = Initial inventory
mon-inspection-kind-periodic = Periodic inventory
mon-inspection-kind-post_shipment = Post-shipment check
mon-inspection-kind-spot = Spot check

mon-consent-pending = Waiting for an answer
mon-consent-granted = Granted
mon-consent-refused = Refused

mon-done-delivery = The delivery was recorded.
mon-done-confirm = The delivery confirmation was saved.
mon-done-serials = The serial numbers of the packing list were added.
mon-done-inspection = The inspection was saved; the serials' last-seen dates are updated.
mon-done-plan = The inspection was planned; it is in the calendar feed.
mon-done-incident = The incident was recorded; its report is now due.
mon-done-report = The incident report was saved.
mon-done-transfer = The transfer request was recorded; its answer is now due.
mon-done-answer = The answer to the transfer request was saved.
mon-done-disposal = The disposal was recorded.
mon-done-waiver = The obligation was waived; the justification is in the audit trail.
mon-done-certificate = The certificate was recorded.

mon-not-saved = Not saved. Please correct what is marked below.
mon-error-required = Please fill this in.
mon-error-date = Please give a date (year-month-day).
mon-error-count = Please give a whole number of at least 1.
mon-error-choose = Please choose one.
mon-error-file = Please choose the packing list file.
mon-error-future-date = { $date } is after today ({ $today }): record an inspection once it is done, or plan it below.
mon-error-serial-unknown = Serial number { $serial } is not in this delivery.
mon-error-serial-twice = Serial number { $serial } is given twice.
mon-error-picked-result = Please choose what was found for the ticked serials.
mon-error-justification = Please explain in at least 10 characters why the obligation no longer applies.
mon-error-hash = A SHA-256 hash has 64 characters 0–9 and a–f.
mon-error-hash-differs = The pasted hash is not the hash of the uploaded scan.
mon-error-not-found = The { $what } was not found.

mon-delivered-meta = delivered on { $date } to { $unit }, { $location }
mon-what-was-delivered = What was delivered
mon-item = Item
mon-quantity = Quantity
mon-of-ordered = of { $ordered } ordered
mon-batch = Batch
mon-certificate = End-user certificate
mon-no-certificate = No certificate
mon-issued-on = issued on { $date }
mon-confirmed = Confirmed
mon-not-confirmed = Not confirmed
mon-not-yet = not yet
mon-keep-until = Keep the records until
mon-what-it-owes = What it owes
mon-nothing-open = Nothing is open.
mon-due-on = due on { $date }
mon-serials = Serial numbers
mon-no-serials = No serial numbers yet.
mon-serial-table = Show the serial numbers
mon-serial = Serial number
mon-model = Model
mon-status = Status
mon-last-seen = Last seen
mon-where = Where
mon-never = never
mon-inspections = Inspections
mon-none-yet = None yet.
mon-done-on = done on { $date }
mon-planned-on = planned for { $date }
mon-record = Record

mon-record-inspection = Record an inspection
mon-kind = Kind
mon-done-on-label = Done on
mon-future-hint = An inspection still to come is planned, not recorded.
mon-inspector = Inspector
mon-findings = Findings
mon-what-was-found = What was found
mon-scan-hint = Scan or type the serial numbers, one per line (commas and spaces also separate them). Nothing is counted as sighted unless it is listed here, ticked below, or you tick "all other serials in service were sighted".
mon-list-sighted = Sighted
mon-list-not_sighted = Not sighted
mon-list-damaged = Damaged
mon-list-not_in_service = Not in service
mon-all-sighted = All other serials in service were sighted (lost or stolen ones are not included)
mon-pick-serials = Choose serials from the list
mon-pick = Tick
mon-missing-hint = reported missing: list it only if it was found
mon-picked-result = The ticked serials were
mon-choose = Choose…

mon-record-incident = Record an incident
mon-what-happened = What happened
mon-serial-if-one = Serial number (if one)
mon-discovered-on = Discovered on
mon-description = Description
mon-incidents = Incidents
mon-not-reported = Not reported yet
mon-reported = Reported
mon-reported-to = reported on { $date } to { $to }
mon-report-incident = Report the incident
mon-reported-to-label = Reported to (authority)
mon-reported-on = Reported on
mon-report-state = Report

mon-confirm-delivery = Confirm the delivery
mon-confirmed-by = Confirmed by (on the recipient's side)
mon-confirmed-on = Confirmed on
mon-import-serials = Add serial numbers from a packing list
mon-import-hint = { $missing ->
    [one] One unit has no serial number yet.
   *[other] { $missing } units have no serial number yet.
} Upload the supplier's packing list (CSV, XLSX, XLS or ODS) with a column named like "Serial number".
mon-packing-list = Packing list
mon-plan-inspection = Plan an inspection
mon-planned-on-label = Planned for
mon-record-disposal = Record a disposal
mon-disposed-on = Disposed of on
mon-disposal-method = How (destruction, demilitarisation, return…)
mon-witness = Witness
mon-destruction-certificate = Destruction certificate reference
mon-waive = Waive this obligation
mon-justification = Why it no longer applies

mon-request-transfer = Request consent to a transfer
mon-transfer-serials = Serial numbers to transfer
mon-held-serials = Serials held:
mon-transferee = Transferee
mon-reason = Reason
mon-requested-on = Requested on
mon-transfers = Transfer requests
mon-transfer-to = to { $to }, { $count ->
    [one] 1 serial
   *[other] { $count } serials
}
mon-record-answer = Record the answer
mon-answer = Answer
mon-decided-on = Answered on
mon-answer-note = Note (conditions, reasons)

mon-deliveries = Deliveries
mon-search-items = Item description contains
mon-delivered-on = Delivered on
mon-receiving-unit = Receiving unit
mon-location = Location
mon-record-delivery = Record a delivery
mon-approved-item = Approved item
mon-no-deliverable-items = No approved item is waiting for delivery in your projects.
mon-serials-now = Serial numbers (if known now)
mon-serials-now-hint = One per line. Enhanced monitoring needs every unit's serial number before shipment; otherwise you can add them later from the packing list.

mon-certificates = End-user certificates
mon-search-certificates = Reference or end user contains
mon-reference = Reference
mon-issuer = Issuing authority
mon-end-user = End user
mon-consignee = Consignee
mon-final-destination = Final destination
mon-end-use = End use
mon-issued-on-label = Issued on
mon-valid-until = Valid until
mon-no-reexport = No re-export or transfer without prior written consent
mon-onsite-checks = The end user consents to on-site checks
mon-signed-copy = The signed copy
mon-scan = Scan of the signed copy (only its SHA-256 is kept)
mon-paste-hash = Or paste its SHA-256
mon-hash-hint = The hash proves later that a copy is the one signed; the scan itself is not stored.
mon-record-certificate = Record a certificate

mon-search-serials = Serial number contains
mon-custodian = Custodian

mon-feed-intro = Calendar apps can subscribe to a project's planned inspections and inventories due through a secret link.
mon-feed-make = Create or renew the link
mon-feed-replaces = A new link replaces the old one: calendars still using the old link stop updating.
mon-feed-created = The calendar link of project { $project } was created.
mon-feed-rotated = The calendar link of project { $project } was renewed; the old one no longer works.
mon-feed-url = Subscribe to this address
mon-feed-secret = Keep it like a password: anyone with it can read the project's inspection calendar. It is shown only now.
