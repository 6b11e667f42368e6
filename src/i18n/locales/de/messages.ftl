# The service's own sentences in words, keyed by their machine codes: a finding's reason and evidence, the
# problems an import records on a row, the import errors that refuse a file, and refusals of a step.

reason-finding = { $decision } nach { $entry } ({ $title }).
reason-original = Die vollständige Erklärung des Klassifikators (auf Englisch)
reason-evidence-phrase = „{ $text }“ ({ $where }) entspricht der Katalogwendung { $matched }.
reason-evidence-model = „{ $text }“ ({ $where }) nennt das Modell { $matched }.
reason-evidence-calibre = „{ $text }“ ({ $where }) ist das Kaliber { $matched }.
reason-evidence-pattern = „{ $text }“ ({ $where }) ist { $matched }.
reason-evidence-hs_code = Der HS-Code „{ $text }“ fällt unter die Position { $matched }.
reason-evidence-declared_code = Die angegebene Kontrollnummer „{ $text }“ entspricht { $matched }.
reason-evidence-measurement = „{ $text }“ ({ $where }) ist { $matched }.
reason-evidence-threshold_phrase = „{ $text }“ ({ $where }) entscheidet die Schwelle des Eintrags ({ $matched }).
reason-evidence-arms_maker = „{ $text }“ ({ $where }) ist der Waffenhersteller { $matched }.
reason-evidence-destination = Das Bestimmungsziel „{ $text }“ ({ $where }) unterliegt restriktiven Maßnahmen.
reason-evidence-listed_party = „{ $text }“ ({ $where }) ähnelt der gelisteten Partei { $matched }.

problem-cell_truncated = Die Zelle hat { $chars } Zeichen, mehr als die Grenze von { $limit }; sie wurde gekürzt. Kürzen Sie den Text.
problem-description_error = Die Zelle der Bezeichnung zeigt den Fehler { $error }. Korrigieren Sie die Formel oder tippen Sie die Bezeichnung ein, damit die Zeile geprüft werden kann.
problem-description_empty = Die Bezeichnung ist leer, daher wurde die Zeile nicht geprüft. Jede Zeile braucht eine Bezeichnung (der Wert zeigt die übrigen Zellen der Zeile).
problem-cell_error = Die Zelle zeigt den Fehler { $error }. Korrigieren Sie die Formel oder tippen Sie den Wert ein.
problem-quantity_not_number = Die Menge ist keine Zahl. Schreiben Sie eine Zahl wie 12.
problem-quantity_not_number_screened = Die Menge ist keine Zahl (ihr Text wurde geprüft). Schreiben Sie eine Zahl wie 12.
problem-unit_price_not_number = Der Stückpreis ist keine Zahl. Schreiben Sie eine Zahl wie 1 250,50.
problem-unit_price_not_number_screened = Der Stückpreis ist keine Zahl (sein Text wurde geprüft). Schreiben Sie eine Zahl wie 1 250,50.
problem-quantity_negative = Die Menge ist negativ. Schreiben Sie die Zahl der bestellten Einheiten, etwa 12.
problem-no_header_beyond = Ein Wert hinter der letzten Spalte mit Überschrift hat keine Spaltenüberschrift. Er wurde als Text geprüft; geben Sie der Spalte eine Überschrift, damit er als das gelesen wird, was er ist.
problem-no_header_empty = Ein Wert unter einer leeren Überschriftszelle hat keine Spaltenüberschrift. Er wurde als Text geprüft; geben Sie der Spalte eine Überschrift, damit er als das gelesen wird, was er ist.
problem-control_character_removed = Das Steuerzeichen { $character } wurde aus dieser Zelle entfernt und die Position ohne es geprüft. Prüfen Sie den Export des Quellsystems.

import-error-where-sheet = { $file }, Tabellenblatt „{ $sheet }“
import-error-io = { $where }: Die Datei konnte nicht gelesen werden ({ $detail }).
import-error-too_large = { $where }: Die Datei hat { $size } Byte, mehr als die Grenze von { $limit } Byte. Teilen Sie sie oder entfernen Sie eingebettete Bilder und versuchen Sie es erneut.
import-error-unsupported_format = { $where }: Diese Art von Datei kann nicht gelesen werden ({ $detail }). Gelesen werden { $formats }.
import-error-encrypted = { $where }: Die Arbeitsmappe ist mit einem Kennwort geschützt. Öffnen Sie sie, entfernen Sie das Kennwort, speichern Sie sie und laden Sie sie erneut hoch.
import-error-corrupt = { $where }: Die Datei ist beschädigt und kann nicht gelesen werden ({ $detail }). Öffnen Sie sie in Ihrer Tabellenkalkulation und speichern Sie sie erneut.
import-error-hostile = { $where }: Die Datei wurde aus Sicherheitsgründen abgelehnt: { $detail } (Grenze { $limit }). Speichern Sie nur die Positionsliste in einer neuen Datei und laden Sie diese hoch.
import-error-no_header = { $where }: Keine Kopfzeile mit einer Bezeichnungsspalte in den ersten { $rows } Zeilen. Erwartet wird eine Spalte mit einer Überschrift wie: { $expected }. Gefunden: { $found }.
import-error-sheet_not_found = { $where }: Es gibt kein Tabellenblatt namens „{ $sheet }“. Die Tabellenblätter sind: { $available }.
import-error-empty = { $where }: Die Datei enthält keine Daten. Prüfen Sie, ob Sie die richtige Datei hochgeladen haben.

refusal-detail = Einzelheiten des Dienstes (auf Englisch): { $detail }
refusal-forbidden = Ihre Rolle erlaubt diesen Schritt bei Positionen nicht.
refusal-four_eyes = Vier Augen: Niemand entscheidet über Positionen eines Stapels, den er hochgeladen oder eingereicht hat.
refusal-prohibited_item = Eine verbotene Position wird nie freigegeben oder geliefert; schlagen Sie eine Umstufung vor, wenn es ein Fehlalarm ist.
refusal-second_reviewer_required = Ein zweiter, anderer Prüfer muss diese Umstufung bestätigen.
refusal-four_eyes_party = Vier Augen: Sie haben die Daten dieser Position hochgeladen, eingereicht oder bearbeitet, daher entscheidet jemand anderes.
refusal-two_reviewers_required = Diese Position wurde als verboten eingestuft: Sie wird erst freigegeben, nachdem zwei verschiedene Prüfer die Herabstufung bestätigt haben.
refusal-not_uploader = Nur wer den Stapel hochgeladen hat, beantwortet seine Rückfragen.
refusal-version_conflict = Jemand hat diese Position geändert, seit Sie sie geöffnet haben.
refusal-invalid_state = Dieser Schritt passt nicht zum jetzigen Stand der Position.
refusal-already_exists = Dieser Eintrag besteht bereits.
refusal-unknown_reference = Die Anfrage nennt einen Eintrag, den es nicht gibt.
refusal-duplicate = Dieser Wert ist bereits erfasst.
refusal-too_many_webhooks = Die höchste Zahl an Webhooks ist bereits erreicht.
refusal-already_confirmed = Die Lieferung ist bereits bestätigt.
refusal-already_decided = Die Weitergabeanfrage wurde bereits beantwortet.
refusal-already_reported = Der Vorfall ist bereits gemeldet.
refusal-certificate_not_valid = Die Endverbleibserklärung ist an diesem Tag nicht gültig.
refusal-certificate_required = Diese Position braucht eine Endverbleibserklärung des Projekts.
refusal-inventory_incomplete = Eine vollständige Bestandsaufnahme erfasst jede Seriennummer im Einsatz.
refusal-inventory_sample_too_small = Die Stichprobe erfasst zu wenige der Seriennummern im Einsatz.
refusal-not_approved = Nur freigegebene Positionen können geliefert werden.
refusal-obligation_closed = Die Pflicht ist bereits erfüllt oder erlassen.
refusal-quantity_exceeds_order = Die Menge übersteigt, was bestellt und noch nicht geliefert wurde.
refusal-serial_gone = Diese Seriennummer ist nicht mehr im Bestand.
refusal-serial_not_inspectable = Diese Seriennummer kann nicht mehr kontrolliert werden.
refusal-serials_required = Die Seriennummer jeder Einheit muss vor dem Versand erfasst sein.
