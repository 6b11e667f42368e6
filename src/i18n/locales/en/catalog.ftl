# The catalogue pages.

catalog-page-title = Catalogue
catalog-entry-title = Catalogue entry { $code }
catalog-version = Catalogue version { $version }.
catalog-published = Published { $date }.
catalog-search-label = Code, title or word
catalog-list = List
catalog-all-lists = all lists
catalog-search = Search
catalog-entries = { $count ->
    [one] One entry.
   *[other] { $count } entries.
}
catalog-entries-first = { $count } entries (the first { $count }).
catalog-code = Code
catalog-title = Title
catalog-set-by-policy = set by the policy
catalog-also-written = Also written
catalog-part-of = Part of
catalog-legal-source = Legal source
catalog-act-version = version { $version }
catalog-official-text = official text
catalog-hs = HS headings
catalog-note = Note
catalog-threshold = Threshold:
catalog-words = Words that recognise it
catalog-strong = Strong words (decide the entry)
catalog-weak = Ambiguous words (send to review alone)
catalog-context = Confirming words (only beside another match)
catalog-models = Models
catalog-calibres = Calibres
catalog-negative = Civilian look-alikes that do not count
catalog-all-of = ← All entries of { $list }
