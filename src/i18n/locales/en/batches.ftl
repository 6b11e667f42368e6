# Batches: the list, one batch's verdict and items, how its file was read, the upload page.

batches-title = Batches
batches-none = No batches yet in your projects.
batches-col-by = By
batches-col-attention = Needs attention
batch-state-open = Open: waiting for review
batch-state-blocked = Blocked
batch-state-cleared = Cleared
batch-state-partially_cleared = Partially cleared
verdict-open = Open: lines are waiting for a reviewer
verdict-blocked = Blocked: the order contains prohibited lines
verdict-cleared = Cleared: every line is approved
verdict-partially_cleared = Partially cleared: every line is decided, some were rejected
verdict-empty = The sheet had a header but no lines: nothing was screened. Check that the lines are below the header on the sheet, or upload the right file.
verdict-count-blocked = { $count ->
    [one] One line is prohibited
   *[other] { $n } lines are prohibited
}
verdict-blocked-what = Take them out of the order: a prohibited line is never approved.
verdict-count-licence = { $count ->
    [one] One line needs an export or transfer licence (military list, dual-use or controlled).
   *[other] { $n } lines need an export or transfer licence (military list, dual-use or controlled).
}
verdict-count-awaiting = { $count ->
    [0] No line is waiting for a reviewer.
    [one] One line is waiting for a reviewer.
   *[other] { $n } lines are waiting for a reviewer.
}
verdict-count-questions = { $count ->
    [one] One question to the uploader waits for an answer
   *[other] { $n } questions to the uploader wait for an answer
}
verdict-count-clear = { $count ->
    [0] No line is clear.
    [one] One line is clear.
   *[other] { $n } lines are clear.
}
batch-meta = Project { $project } · uploaded by { $name } on { $when } · catalogue { $catalogue }
batch-already-uploaded = This file was already uploaded on { $when } as batch “{ $file }” by { $name }: nothing new was imported, here is that batch.
batch-by-decision = { $count ->
    [one] One item by decision
   *[other] { $n } items by decision
}
batch-import-problems = import problems
batch-download = Download:
batch-download-xlsx = decisions (XLSX)
batch-download-csv = decisions (CSV)
batch-download-screening = screening report (CSV)
batch-approved = { $count ->
    [one] Approved one clear item.
   *[other] Approved { $count } clear items.
}
batch-skipped = Left out { $count } clear items: each was screened prohibited before (approve it on its own once two reviewers lowered it) or you edited it (another reviewer decides). The item history says which.
batch-items-shown = { $count ->
    [one] One item shown.
   *[other] { $n } items shown.
}
batch-lines = { $count ->
    [one] one line
   *[other] { $count } lines
}
batch-lines-at-least = at least { $lines }
batch-notices-title = Where it goes and who gets it
batch-notices-measures = The destination is under restrictive measures:
batch-notices-parties = Lines name a party that may be on a sanctions list:
filter-decision = Decision
filter-all = all
filter-review = Review
filter-any = any
filter-sort = Order
sort-severity = Most severe first
sort-row = Sheet order
filter-search = Search the descriptions
filter-submit = Filter
filter-show-all = Show all
pager-label = Pages
pager-previous = ← Previous
pager-next = Next →
pager-range = { $first }–{ $last } of { $total }
layout-title = How the file was read
layout-intro = Every column of every sheet: read as a field, screened as text, or not screened and why.
layout-sheet = Sheet { $sheet }
layout-the-file = The file
layout-sheet-summary = header on row { $header }, { $count ->
    [one] one item
   *[other] { $count } items
}
layout-hidden = (hidden sheet)
layout-col-column = Column
layout-col-header = Header
layout-col-read-as = Read as
layout-col-done = Done
layout-col-cells = Cells
layout-skipped = Sheets not read
problems-title = { $count ->
    [one] One import problem
   *[other] { $count } import problems
}
problems-intro = The item is still screened; check these cells in the spreadsheet.
problems-col-value = Value
problems-col-problem = Problem
upload-title = Upload a spreadsheet
upload-no-project = Your account grants no project. Ask an administrator to add one.
upload-project = Project
upload-file = Spreadsheet
upload-drop = Drag the spreadsheet here, or choose it:
upload-hint = XLSX, XLSM, XLSB, XLS, ODS or CSV, up to { $mib } MiB. Every line is imported, classified and stored with its evidence.
upload-submit = Upload and check
upload-recent = Recent batches
upload-js-ready = Ready:
upload-js-uploading = Uploading
upload-js-checking = Uploaded. Checking every line against the control lists…
upload-js-not-stored = Not stored:
upload-js-unreachable = The upload failed: the server could not be reached.
