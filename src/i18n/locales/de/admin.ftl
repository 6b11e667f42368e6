# Verwaltungsseiten: Konten, Projekte, Prüfprotokoll.

admin-nav-label = Verwaltung
admin-nav-users = Benutzer
admin-nav-projects = Projekte
admin-nav-audit = Prüfprotokoll

admin-role-officer = Beschaffungssachbearbeitung
admin-role-reviewer = Compliance-Prüfung
admin-role-monitor = Verbleibskontrolle
admin-role-admin = Administration
admin-role-erp = ERP-Dienstkonto

admin-users-title = Benutzer
admin-user-title = Benutzer { $name }
admin-user-name = Name
admin-user-role = Rolle
admin-user-projects = Projekte
admin-user-status = Status
admin-user-created = Angelegt
admin-status-active = Aktiv
admin-status-disabled-since = Gesperrt seit { $when }
admin-user-create = Konto anlegen
admin-user-create-submit = Konto anlegen
admin-user-no-projects = Es gibt noch kein Projekt: Geben Sie das erste unten ein.
admin-user-new-projects = Weitere Projekte
admin-user-new-projects-hint = Projektkennungen durch Kommas getrennt; noch nicht vorhandene Projekte werden angelegt.
admin-user-password = Passwort
admin-user-password-hint = Mindestens { $min } Zeichen. Leer lassen, um ein Passwort erzeugen zu lassen, das einmalig angezeigt wird.
admin-user-history = Verlauf dieses Kontos im Prüfprotokoll
admin-user-access = Rolle und Projekte
admin-user-access-submit = Rolle und Projekte speichern
admin-sessions-end-hint = Beim Speichern werden die offenen Sitzungen dieser Person beendet: Sie meldet sich mit den neuen Rechten erneut an.
admin-user-reset-password = Passwort zurücksetzen
admin-user-reset-password-submit = Passwort zurücksetzen
admin-user-disable = Konto sperren
admin-user-disable-hint = Ein gesperrtes Konto kann sich nicht anmelden; seine Sitzungen enden sofort. Seine Einträge bleiben im Prüfprotokoll.
admin-user-enable = Konto entsperren
admin-password-generated = Neues Passwort (wird nur dieses eine Mal angezeigt):
admin-password-generated-hint = Übergeben Sie es persönlich oder über einen getrennten Kanal. Es wird nicht lesbar gespeichert und kann nicht erneut angezeigt werden.

admin-done-created = Das Konto wurde angelegt.
admin-done-access = Rolle und Projekte gespeichert; die Sitzungen des Kontos wurden beendet.
admin-done-disabled = Das Konto wurde gesperrt und seine Sitzungen wurden beendet.
admin-done-enabled = Das Konto wurde entsperrt.
admin-done-password = Das Passwort wurde zurückgesetzt und die Sitzungen des Kontos wurden beendet.
admin-done-project = Das Projekt wurde gespeichert.

admin-error-no-such-user = Es gibt kein Konto namens „{ $value }“.
admin-error-name-taken = Ein Konto namens „{ $value }“ existiert bereits. Wählen Sie einen anderen Namen.
admin-error-invalid-name = Der Name muss 1 bis 100 Zeichen lang sein, ohne Leerzeichen am Anfang oder Ende.
admin-error-invalid-project = Projekt „{ $value }“: Verwenden Sie 1 bis 64 Buchstaben, Ziffern, „-“, „_“ oder „.“.
admin-error-invalid-project-name = Der Projektname muss 1 bis 200 Zeichen lang sein.
admin-error-short-password = Das Passwort muss mindestens { $min } Zeichen lang sein.
admin-error-disable-self = Sie können Ihr eigenes Konto nicht sperren. Bitten Sie eine andere Administratorin oder einen anderen Administrator.
admin-error-last-admin = Dann bliebe keine aktive Administration übrig. Machen Sie zuerst ein anderes Konto zur Administration.
admin-error-project-exists = Das Projekt „{ $value }“ existiert bereits: Öffnen Sie es in der Liste, um es zu ändern.

admin-projects-title = Projekte
admin-projects-none = Noch keine Projekte.
admin-project-title = Projekt { $id }
admin-project-id = Projekt
admin-project-id-hint = Eine kurze Kennung für Links und Token: Buchstaben, Ziffern, „-“, „_“ oder „.“; sie kann später nicht geändert werden.
admin-project-name = Name
admin-project-partner-country = Partnerland
admin-project-recipient = Empfangende Streitkraft oder Behörde
admin-project-funding-line = Haushaltstitel
admin-project-create = Projekt anlegen
admin-project-create-submit = Projekt anlegen
admin-project-describe = Beschreibung
admin-project-save = Projekt speichern
admin-project-history = Verlauf dieses Projekts im Prüfprotokoll

admin-audit-title = Prüfprotokoll
admin-audit-chain-intact = Die Protokollkette ist unversehrt
admin-audit-chain-broken = Die Protokollkette ist unterbrochen
admin-audit-chain-records = { $count ->
    [one] Ein Eintrag geprüft: Er trägt seinen eigenen Hash und verweist auf den vorherigen.
   *[other] { $count } Einträge geprüft: Jeder trägt seinen eigenen Hash und verweist auf den vorherigen.
}
admin-audit-chain-head = Notieren Sie den letzten Eintrag, um spätere Löschungen zu erkennen:
admin-audit-break-altered = Eintrag { $seq } wurde verändert: Sein Inhalt passt nicht zu seinem Hash.
admin-audit-break-removed = Die Einträge { $from } bis { $to } wurden gelöscht.
admin-audit-break-relinked = Eintrag { $seq } folgt nicht auf Eintrag { $previous }: Ein Eintrag wurde eingefügt, oder Eintrag { $previous } wurde verändert und neu gehasht.
admin-audit-break-out-of-order = Eintrag { $seq } steht an falscher Stelle (erwartet: { $expected }): Ein Eintrag wurde eingefügt.
admin-audit-break-anchor = Eintrag { $seq } hat nicht mehr den zuvor notierten Hash: Das Ende der Kette wurde gelöscht oder umgeschrieben.
admin-audit-filters = Einträge filtern
admin-audit-actor = Wer
admin-audit-action = Aktion
admin-audit-entity-type = Art des Objekts
admin-audit-entity-id = Kennung des Objekts
admin-audit-outcome = Ergebnis
admin-audit-outcome-any = Alle
admin-audit-outcome-done = Ausgeführt
admin-audit-outcome-refused = Abgelehnt
admin-audit-from = Von
admin-audit-until = Bis
admin-audit-apply = Anzeigen
admin-audit-count = { $count ->
    [0] Kein Eintrag passt.
    [one] Ein Eintrag passt.
   *[other] { $count } Einträge passen, neueste zuerst.
}
admin-audit-when = Zeitpunkt
admin-audit-entity = Betrifft
admin-audit-details = Begründung und Änderungen
admin-audit-states = Vorher und nachher
admin-audit-before = Vorher
admin-audit-after = Nachher
admin-pages = Seiten
admin-previous = ← Zurück
admin-next = Weiter →
admin-page-range = { $first }–{ $last } von { $total }
