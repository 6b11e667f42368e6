# Batches: the list, one batch's verdict and items, how its file was read, the upload page.

batches-title = Stapel
batches-none = In Ihren Projekten gibt es noch keine Stapel.
batches-col-by = Von
batches-col-attention = Zu beachten
batch-state-open = Offen: in Prüfung
batch-state-blocked = Gesperrt
batch-state-cleared = Freigegeben
batch-state-partially_cleared = Teilweise freigegeben
verdict-open = Offen: Positionen warten auf eine Prüfung
verdict-blocked = Gesperrt: die Bestellung enthält verbotene Positionen
verdict-cleared = Freigegeben: alle Positionen sind genehmigt
verdict-partially_cleared = Teilweise freigegeben: alle Positionen sind entschieden, einige wurden abgelehnt
verdict-empty = Die Tabelle hatte eine Kopfzeile, aber keine Positionen: Es wurde nichts geprüft. Prüfen Sie, ob die Positionen im Blatt unter der Kopfzeile stehen, oder laden Sie die richtige Datei hoch.
verdict-count-blocked = { $count ->
    [one] Eine Position ist verboten
   *[other] { $n } Positionen sind verboten
}
verdict-blocked-what = Nehmen Sie sie aus der Bestellung: Eine verbotene Position wird nie genehmigt.
verdict-count-licence = { $count ->
    [one] Eine Position braucht eine Ausfuhr- oder Verbringungsgenehmigung (Militärliste, Dual-Use oder Anti-Folter-Güter).
   *[other] { $n } Positionen brauchen eine Ausfuhr- oder Verbringungsgenehmigung (Militärliste, Dual-Use oder Anti-Folter-Güter).
}
verdict-count-awaiting = { $count ->
    [0] Keine Position wartet auf eine Prüfung.
    [one] Eine Position wartet auf eine Prüfung.
   *[other] { $n } Positionen warten auf eine Prüfung.
}
verdict-count-questions = { $count ->
    [one] Eine Rückfrage an den Einreicher wartet auf Antwort
   *[other] { $n } Rückfragen an den Einreicher warten auf Antwort
}
verdict-count-clear = { $count ->
    [0] Keine Position ist unbedenklich.
    [one] Eine Position ist unbedenklich.
   *[other] { $n } Positionen sind unbedenklich.
}
batch-meta = Projekt { $project } · hochgeladen von { $name } am { $when } · Katalog { $catalogue }
batch-already-uploaded = Diese Datei wurde bereits am { $when } als Stapel „{ $file }“ von { $name } hochgeladen: Es wurde nichts Neues eingelesen, hier ist dieser Stapel.
batch-by-decision = { $count ->
    [one] Eine Position nach Entscheidung
   *[other] { $n } Positionen nach Entscheidung
}
batch-import-problems = Einleseprobleme
batch-download = Herunterladen:
batch-download-xlsx = Entscheidungen (XLSX)
batch-download-csv = Entscheidungen (CSV)
batch-download-screening = Prüfbericht (CSV)
batch-approved = { $count ->
    [one] Eine unbedenkliche Position genehmigt.
   *[other] { $count } unbedenkliche Positionen genehmigt.
}
batch-skipped = { $count } unbedenkliche Positionen ausgelassen: Jede war früher als verboten eingestuft (genehmigen Sie sie einzeln, sobald zwei Prüfer sie herabgestuft haben) oder Sie haben sie bearbeitet (ein anderer Prüfer entscheidet). Der Verlauf der Position sagt, welches.
batch-items-shown = { $count ->
    [one] Eine Position angezeigt.
   *[other] { $n } Positionen angezeigt.
}
batch-lines = { $count ->
    [one] eine Position
   *[other] { $count } Positionen
}
batch-lines-at-least = mindestens { $lines }
batch-notices-title = Wohin es geht und wer es erhält
batch-notices-measures = Für das Bestimmungsland gelten restriktive Maßnahmen:
batch-notices-parties = Positionen nennen einen Beteiligten, der auf einer Sanktionsliste stehen könnte:
filter-decision = Entscheidung
filter-all = alle
filter-review = Prüfung
filter-any = beliebig
filter-sort = Reihenfolge
sort-severity = Schwerwiegendste zuerst
sort-row = Reihenfolge der Tabelle
filter-search = In den Beschreibungen suchen
filter-submit = Filtern
filter-show-all = Alle anzeigen
pager-label = Seiten
pager-previous = ← Zurück
pager-next = Weiter →
pager-range = { $first }–{ $last } von { $total }
layout-title = Wie die Datei gelesen wurde
layout-intro = Jede Spalte jedes Blatts: als Feld gelesen, als Text geprüft oder nicht geprüft und warum.
layout-sheet = Blatt { $sheet }
layout-the-file = Die Datei
layout-sheet-summary = Kopfzeile in Zeile { $header }, { $count ->
    [one] eine Position
   *[other] { $count } Positionen
}
layout-hidden = (ausgeblendetes Blatt)
layout-col-column = Spalte
layout-col-header = Überschrift
layout-col-read-as = Gelesen als
layout-col-done = Behandlung
layout-col-cells = Zellen
layout-skipped = Nicht gelesene Blätter
problems-title = { $count ->
    [one] Ein Einleseproblem
   *[other] { $count } Einleseprobleme
}
problems-intro = Die Position wird trotzdem geprüft; kontrollieren Sie diese Zellen in der Tabelle.
problems-col-value = Wert
problems-col-problem = Problem
upload-title = Tabelle hochladen
upload-no-project = Ihr Konto gewährt kein Projekt. Bitten Sie eine Administratorin oder einen Administrator, eines hinzuzufügen.
upload-project = Projekt
upload-file = Tabelle
upload-drop = Ziehen Sie die Tabelle hierher oder wählen Sie sie aus:
upload-hint = XLSX, XLSM, XLSB, XLS, ODS oder CSV, bis { $mib } MiB. Jede Zeile wird eingelesen, eingestuft und mit ihren Nachweisen gespeichert.
upload-submit = Hochladen und prüfen
upload-recent = Neueste Stapel
upload-js-ready = Bereit:
upload-js-uploading = Lade hoch:
upload-js-checking = Hochgeladen. Jede Zeile wird mit den Kontrolllisten abgeglichen…
upload-js-not-stored = Nicht gespeichert:
upload-js-unreachable = Das Hochladen ist fehlgeschlagen: Der Server ist nicht erreichbar.
