# The monitoring back office: obligations, deliveries, certificates, serials, inspections, incidents,
# transfers, disposals, waivers and the calendar feed.

mon-title = Verbleibskontrolle
mon-delivery-title = Lieferung
mon-nav-label = Seiten der Verbleibskontrolle
mon-nav-obligations = Pflichten
mon-nav-deliveries = Lieferungen
mon-nav-certificates = Zertifikate
mon-nav-serials = Seriennummern
mon-nav-incidents = Vorfälle
mon-nav-feed = Kalender-Abo

mon-all = alle
mon-show = Anzeigen
mon-project = Projekt
mon-country = Land
mon-country-optional = Land (falls nicht das Partnerland des Projekts)
mon-as-of = Stand: { $date }.
mon-counts-label = Pflichten nach Stand
mon-chart-label = Fällige Pflichten pro Monat nach Stand, sechs Monate zurück und sechs voraus
mon-chart-caption = Fällig pro Monat:
mon-by-country = Nach Land
mon-open-obligations = Offene Pflichten
mon-nothing-due = Nichts ist fällig.
mon-due = Fällig
mon-state = Stand
mon-what = Was
mon-days-late = { $days ->
    [one] 1 Tag überfällig
   *[other] { $days } Tage überfällig
}
mon-count-found = { $count ->
    [one] 1 Treffer
   *[other] { $count } Treffer
}
mon-pages = Seiten
mon-page-previous = ← Zurück
mon-page-next = Weiter →
mon-page-shown = { $first }–{ $last } von { $total }

mon-state-upcoming = Anstehend
mon-state-due_soon = Bald fällig
mon-state-overdue = Überfällig
mon-state-fulfilled = Erfüllt
mon-state-waived = Erlassen

mon-obligation-delivery_confirmation = Empfangsbestätigung für die Lieferung von { $item } ({ $date })
mon-obligation-initial_inventory = Erstinventur der Lieferung von { $item } ({ $date })
mon-obligation-periodic_inventory = Regelinventur der Lieferung von { $item } ({ $date })
mon-obligation-incident_report = Vorfallsmeldung zur Lieferung von { $item } ({ $date })
mon-obligation-transfer_answer = Antwort auf einen Weitergabeantrag zur Lieferung von { $item } ({ $date })

mon-profile-none = keine Verbleibskontrolle
mon-profile-routine = Regelkontrolle
mon-profile-enhanced = verstärkte Kontrolle

mon-serial-status-in_service = Im Einsatz
mon-serial-status-lost = Verloren
mon-serial-status-stolen = Gestohlen
mon-serial-status-transferred = Weitergegeben
mon-serial-status-destroyed = Zerstört
mon-serial-status-disposed = Entsorgt

mon-incident-kind-loss = Verlust
mon-incident-kind-theft = Diebstahl
mon-incident-kind-misuse = Missbrauch
mon-incident-kind-unsighted = Bei einer Inspektion nicht gesichtet
mon-incident-kind-damage = Beschädigung

mon-result-sighted = Gesichtet
mon-result-not_sighted = Nicht gesichtet
mon-result-damaged = Beschädigt
mon-result-not_in_service = Außer Betrieb

mon-inspection-kind-initial = Erstinventur
mon-inspection-kind-periodic = Regelinventur
mon-inspection-kind-post_shipment = Kontrolle nach Versand
mon-inspection-kind-spot = Stichprobenkontrolle

mon-consent-pending = Antwort ausstehend
mon-consent-granted = Genehmigt
mon-consent-refused = Abgelehnt

mon-done-delivery = Die Lieferung ist erfasst.
mon-done-confirm = Die Empfangsbestätigung ist gespeichert.
mon-done-serials = Die Seriennummern der Packliste sind hinzugefügt.
mon-done-inspection = Die Inspektion ist gespeichert; die Daten „zuletzt gesehen“ der Seriennummern sind aktualisiert.
mon-done-plan = Die Inspektion ist geplant; sie steht im Kalender-Abo.
mon-done-incident = Der Vorfall ist erfasst; seine Meldung ist jetzt fällig.
mon-done-report = Die Vorfallsmeldung ist gespeichert.
mon-done-transfer = Der Weitergabeantrag ist erfasst; die Antwort darauf ist jetzt fällig.
mon-done-answer = Die Antwort auf den Weitergabeantrag ist gespeichert.
mon-done-disposal = Die Entsorgung ist erfasst.
mon-done-waiver = Die Pflicht ist erlassen; die Begründung steht im Prüfprotokoll.
mon-done-certificate = Das Zertifikat ist erfasst.

mon-not-saved = Nicht gespeichert. Bitte korrigieren Sie die unten markierten Angaben.
mon-error-required = Bitte ausfüllen.
mon-error-date = Bitte ein Datum angeben (Jahr-Monat-Tag).
mon-error-count = Bitte eine ganze Zahl von mindestens 1 angeben.
mon-error-choose = Bitte eine Auswahl treffen.
mon-error-file = Bitte die Datei der Packliste auswählen.
mon-error-future-date = Der { $date } liegt nach heute ({ $today }): Erfassen Sie eine Inspektion, wenn sie stattgefunden hat, oder planen Sie sie unten.
mon-error-serial-unknown = Die Seriennummer { $serial } gehört nicht zu dieser Lieferung.
mon-error-serial-twice = Die Seriennummer { $serial } ist zweimal angegeben.
mon-error-picked-result = Bitte angeben, was bei den angekreuzten Seriennummern festgestellt wurde.
mon-error-justification = Bitte in mindestens 10 Zeichen begründen, warum die Pflicht nicht mehr gilt.
mon-error-hash = Ein SHA-256-Hashwert hat 64 Zeichen aus 0–9 und a–f.
mon-error-hash-differs = Der eingefügte Hashwert ist nicht der des hochgeladenen Scans.
mon-error-not-found = Nicht gefunden: { $what }.

mon-delivered-meta = geliefert am { $date } an { $unit }, { $location }
mon-what-was-delivered = Was geliefert wurde
mon-item = Artikel
mon-quantity = Menge
mon-of-ordered = von { $ordered } bestellten
mon-batch = Stapel
mon-certificate = Endverbleibserklärung
mon-no-certificate = Keine Endverbleibserklärung
mon-issued-on = ausgestellt am { $date }
mon-confirmed = Empfang bestätigt
mon-not-confirmed = Empfang nicht bestätigt
mon-not-yet = noch nicht
mon-keep-until = Unterlagen aufbewahren bis
mon-what-it-owes = Offene Pflichten der Lieferung
mon-nothing-open = Nichts ist offen.
mon-due-on = fällig am { $date }
mon-serials = Seriennummern
mon-no-serials = Noch keine Seriennummern.
mon-serial-table = Seriennummern anzeigen
mon-serial = Seriennummer
mon-model = Modell
mon-status = Status
mon-last-seen = Zuletzt gesehen
mon-where = Wo
mon-never = nie
mon-inspections = Inspektionen
mon-none-yet = Noch keine.
mon-done-on = durchgeführt am { $date }
mon-planned-on = geplant für { $date }
mon-record = Erfassen

mon-record-inspection = Inspektion erfassen
mon-kind = Art
mon-done-on-label = Durchgeführt am
mon-future-hint = Eine künftige Inspektion wird geplant, nicht erfasst.
mon-inspector = Inspektor
mon-findings = Feststellungen
mon-what-was-found = Was festgestellt wurde
mon-scan-hint = Scannen oder tippen Sie die Seriennummern, eine pro Zeile (Kommas und Leerzeichen trennen ebenfalls). Als gesichtet zählt nur, was hier steht, unten angekreuzt ist, oder wenn Sie „alle übrigen Seriennummern im Einsatz wurden gesichtet“ ankreuzen.
mon-list-sighted = Gesichtet
mon-list-not_sighted = Nicht gesichtet
mon-list-damaged = Beschädigt
mon-list-not_in_service = Außer Betrieb
mon-all-sighted = Alle übrigen Seriennummern im Einsatz wurden gesichtet (verlorene oder gestohlene zählen nicht dazu)
mon-pick-serials = Seriennummern aus der Liste wählen
mon-pick = Auswahl
mon-missing-hint = als vermisst gemeldet: nur angeben, wenn sie wieder aufgefunden wurde
mon-picked-result = Die angekreuzten Seriennummern waren
mon-choose = Bitte wählen…

mon-record-incident = Vorfall erfassen
mon-what-happened = Was geschehen ist
mon-serial-if-one = Seriennummer (falls zutreffend)
mon-discovered-on = Festgestellt am
mon-description = Beschreibung
mon-incidents = Vorfälle
mon-not-reported = Noch nicht gemeldet
mon-reported = Gemeldet
mon-reported-to = gemeldet am { $date } an { $to }
mon-report-incident = Vorfall melden
mon-reported-to-label = Gemeldet an (Behörde)
mon-reported-on = Gemeldet am
mon-report-state = Meldung

mon-confirm-delivery = Empfang bestätigen
mon-confirmed-by = Bestätigt von (auf Empfängerseite)
mon-confirmed-on = Bestätigt am
mon-import-serials = Seriennummern aus einer Packliste hinzufügen
mon-import-hint = { $missing ->
    [one] Eine Einheit hat noch keine Seriennummer.
   *[other] { $missing } Einheiten haben noch keine Seriennummer.
} Laden Sie die Packliste des Lieferanten hoch (CSV, XLSX, XLS oder ODS) mit einer Spalte wie „Seriennummer“.
mon-packing-list = Packliste
mon-plan-inspection = Inspektion planen
mon-planned-on-label = Geplant für
mon-record-disposal = Entsorgung erfassen
mon-disposed-on = Entsorgt am
mon-disposal-method = Wie (Zerstörung, Demilitarisierung, Rückgabe…)
mon-witness = Zeuge
mon-destruction-certificate = Nummer des Vernichtungsnachweises
mon-waive = Diese Pflicht erlassen
mon-justification = Warum sie nicht mehr gilt

mon-request-transfer = Zustimmung zu einer Weitergabe beantragen
mon-transfer-serials = Weiterzugebende Seriennummern
mon-held-serials = Vorhandene Seriennummern:
mon-transferee = Empfänger der Weitergabe
mon-reason = Grund
mon-requested-on = Beantragt am
mon-transfers = Weitergabeanträge
mon-transfer-to = an { $to }, { $count ->
    [one] 1 Seriennummer
   *[other] { $count } Seriennummern
}
mon-record-answer = Antwort erfassen
mon-answer = Antwort
mon-decided-on = Beantwortet am
mon-answer-note = Vermerk (Auflagen, Gründe)

mon-deliveries = Lieferungen
mon-search-items = Artikelbeschreibung enthält
mon-delivered-on = Geliefert am
mon-receiving-unit = Empfangende Einheit
mon-location = Ort
mon-record-delivery = Lieferung erfassen
mon-approved-item = Genehmigter Artikel
mon-no-deliverable-items = In Ihren Projekten wartet kein genehmigter Artikel auf Lieferung.
mon-serials-now = Seriennummern (falls schon bekannt)
mon-serials-now-hint = Eine pro Zeile. Die verstärkte Kontrolle verlangt die Seriennummer jeder Einheit vor dem Versand; sonst können Sie sie später aus der Packliste hinzufügen.

mon-certificates = Endverbleibserklärungen
mon-search-certificates = Nummer oder Endverwender enthält
mon-reference = Nummer
mon-issuer = Ausstellende Behörde
mon-end-user = Endverwender
mon-consignee = Empfänger
mon-final-destination = Endbestimmung
mon-end-use = Endverwendung
mon-issued-on-label = Ausgestellt am
mon-valid-until = Gültig bis
mon-no-reexport = Keine Wiederausfuhr oder Weitergabe ohne vorherige schriftliche Zustimmung
mon-onsite-checks = Der Endverwender stimmt Vor-Ort-Kontrollen zu
mon-signed-copy = Das unterzeichnete Exemplar
mon-scan = Scan des unterzeichneten Exemplars (nur sein SHA-256-Hashwert wird gespeichert)
mon-paste-hash = Oder seinen SHA-256-Hashwert einfügen
mon-hash-hint = Mit dem Hashwert lässt sich später nachweisen, dass eine Kopie die unterzeichnete ist; der Scan selbst wird nicht gespeichert.
mon-record-certificate = Endverbleibserklärung erfassen

mon-search-serials = Seriennummer enthält
mon-custodian = Verwahrer

mon-feed-intro = Kalender-Apps können die geplanten Inspektionen und fälligen Inventuren eines Projekts über einen geheimen Link abonnieren.
mon-feed-make = Link erstellen oder erneuern
mon-feed-replaces = Ein neuer Link ersetzt den alten: Kalender mit dem alten Link werden nicht mehr aktualisiert.
mon-feed-created = Der Kalender-Link des Projekts { $project } ist erstellt.
mon-feed-rotated = Der Kalender-Link des Projekts { $project } ist erneuert; der alte funktioniert nicht mehr.
mon-feed-url = Diese Adresse abonnieren
mon-feed-secret = Behandeln Sie sie wie ein Passwort: Wer sie kennt, kann den Inspektionskalender des Projekts lesen. Sie wird nur jetzt angezeigt.
