# The catalogue pages.

catalog-page-title = Katalog
catalog-entry-title = Katalogeintrag { $code }
catalog-version = Katalogversion { $version }.
catalog-published = Veröffentlicht am { $date }.
catalog-search-label = Code, Titel oder Wort
catalog-list = Liste
catalog-all-lists = alle Listen
catalog-search = Suchen
catalog-entries = { $count ->
    [one] Ein Eintrag.
   *[other] { $count } Einträge.
}
catalog-entries-first = { $count } Einträge (die ersten { $count }).
catalog-code = Code
catalog-title = Titel
catalog-set-by-policy = festgelegt durch die Richtlinie
catalog-also-written = Auch geschrieben
catalog-part-of = Teil von
catalog-legal-source = Rechtsgrundlage
catalog-act-version = Fassung { $version }
catalog-official-text = amtlicher Text
catalog-hs = HS-Positionen
catalog-note = Anmerkung
catalog-threshold = Schwelle:
catalog-words = Wörter, an denen er erkannt wird
catalog-strong = Starke Wörter (entscheiden den Eintrag)
catalog-weak = Mehrdeutige Wörter (allein: zur Prüfung)
catalog-context = Bestätigende Wörter (nur neben einem anderen Treffer)
catalog-models = Modelle
catalog-calibres = Kaliber
catalog-negative = Zivile Doppelgänger, die nicht zählen
catalog-all-of = ← Alle Einträge von { $list }
