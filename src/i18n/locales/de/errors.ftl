# Error pages.

error-status = Status { $status }.
error-back-to-start = Zurück zur Startseite
error-title-400 = Fehlerhafte Anfrage
error-title-401 = Nicht angemeldet
error-title-403 = Nicht erlaubt
error-title-404 = Nicht gefunden
error-title-405 = Methode nicht erlaubt
error-title-409 = Konflikt
error-title-413 = Zu groß
error-title-415 = Dateityp nicht unterstützt
error-title-422 = Nicht angenommen
error-title-429 = Zu viele Anfragen
error-title-500 = Interner Fehler
error-title-503 = Nicht verfügbar
error-title-other = Fehler
error-forbidden = Ihre Rolle darf das nicht.
error-forgery = Dieses Formular ist veraltet oder wurde nicht von dieser Website gesendet; laden Sie die Seite neu und versuchen Sie es noch einmal.
error-not-found = Diese Seite gibt es nicht, oder was sie zeigt, gehört nicht zu Ihren Projekten.
error-not-found-batch = Stapel nicht gefunden.
error-not-found-item = Position nicht gefunden.
error-not-found-catalogue-entry = Katalogeintrag nicht gefunden.
error-internal = Bei uns ist etwas schiefgegangen. Der Fehler wurde protokolliert; versuchen Sie es gleich noch einmal.
error-invalid-fields = Einige Felder wurden nicht angenommen.
