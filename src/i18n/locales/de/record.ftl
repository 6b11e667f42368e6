# Printable decision records of an item and of a batch. Times show "UTC" in the value, never in the label.

record-link-item = Druckbarer Nachweis
record-link-batch = Druckbarer Nachweis des Stapels
record-item-title = Entscheidungsnachweis: { $item }
record-batch-title = Entscheidungsnachweis des Stapels { $file }
record-back-to-item = ← Zurück zur Position
record-back-to-batch = ← Zurück zum Stapel
record-print-hint = Drucken Sie diese Seite mit dem Druckbefehl des Browsers; Menü und Formulare werden nicht gedruckt.
record-batch-heading = Stapel
record-project = Projekt
record-file = Datei
record-uploaded = Hochgeladen
record-uploaded-by = { $when } von { $name }
record-catalogue = Katalogversion beim Hochladen
record-made-label = Nachweis erstellt
record-description-column = Spalte der Bezeichnung
record-reviewed = Letzter Prüfschritt
record-evidence = Belege:
record-screened-with = geprüft mit Katalogversion { $version }.
record-no-findings = Kein Katalogeintrag trifft auf diese Position zu.
record-col-when = Zeitpunkt
record-col-who = Person
record-col-step = Schritt
record-col-justification = Begründung
record-review-caption = Prüfverlauf
record-not-clear = { $count ->
    [one] Die Position, die nicht unbedenklich ist
   *[other] Die { $count } Positionen, die nicht unbedenklich sind
}
record-none-not-clear = Alle Positionen dieses Stapels sind unbedenklich.
record-clear = { $count ->
    [one] Die unbedenkliche Position
   *[other] Die { $count } unbedenklichen Positionen
}
record-clear-caption = Unbedenkliche Positionen, in der Reihenfolge der Tabelle
record-batch-steps = Schritte für den ganzen Stapel
record-batch-steps-caption = Schritte für den ganzen Stapel (Sammelfreigaben)
