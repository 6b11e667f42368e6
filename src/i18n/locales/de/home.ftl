# An officer's home page.

home-title = Meine Arbeit
home-questions = { $count ->
    [0] Keine Rückfrage wartet auf Sie
    [one] Eine Rückfrage wartet auf Ihre Antwort
   *[other] { $count } Rückfragen warten auf Ihre Antwort
}
home-no-questions = Die Prüfer haben Ihnen keine offene Frage gestellt.
home-row = Zeile { $row }
home-asked-by = gestellt von { $name }
home-answer = Frage beantworten
home-blocked = { $count ->
    [0] Keine Position ist gesperrt
    [one] Eine Position ist gesperrt
   *[other] { $count } Positionen sind gesperrt
}
home-no-blocked = Keine Ihrer Positionen ist verboten.
home-blocked-what-to-do = Eine verbotene Position wird nie freigegeben: Nehmen Sie sie aus der Bestellung und laden Sie die korrigierte Tabelle hoch. Halten Sie die Prüfung für falsch (die Wörter bedeuten hier etwas anderes), sagen Sie es einem Prüfer: Zwei Prüfer müssen zustimmen, um die Entscheidung herabzusetzen.
home-col-batch = Stapel
home-col-row = Zeile
home-col-description = Beschreibung
home-col-review = Prüfung
home-my-batches = Meine Stapel
home-no-batches = Sie haben noch keinen Stapel hochgeladen.
home-upload = Tabelle hochladen
home-col-file = Datei
home-col-project = Projekt
home-col-uploaded = Hochgeladen
home-col-state = Stand
home-col-items = Positionen
home-changes = In den letzten { $days } Tagen geänderte Entscheidungen
home-no-changes = In diesem Zeitraum hat sich keine Entscheidung zu Ihren Positionen geändert.
home-change-rescreened = erneut geprüft gegen Katalog { $version }:
home-change-reclassified = neu eingestuft von { $name }:
home-change-decided = entschieden von { $name }:
