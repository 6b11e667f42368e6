# Printable decision records of an item and of a batch. Times show "UTC" in the value, never in the label.

record-link-item = Printable record
record-link-batch = Printable record of the batch
record-item-title = Decision record: { $item }
record-batch-title = Decision record of the batch { $file }
record-back-to-item = ← Back to the item
record-back-to-batch = ← Back to the batch
record-print-hint = Print this page with your browser's print command; the menu and the forms are left out.
record-batch-heading = Batch
record-project = Project
record-file = File
record-uploaded = Uploaded
record-uploaded-by = { $when } by { $name }
record-catalogue = Catalogue version at upload
record-made-label = Record made
record-description-column = Description column
record-reviewed = Last review step
record-evidence = Evidence:
record-screened-with = screened with catalogue version { $version }.
record-no-findings = No catalogue entry matched this item.
record-col-when = Time
record-col-who = Person
record-col-step = Step
record-col-justification = Justification
record-review-caption = Review history
record-not-clear = { $count ->
    [one] The item that is not clear
   *[other] The { $count } items that are not clear
}
record-none-not-clear = Every item of this batch is clear.
record-clear = { $count ->
    [one] The clear item
   *[other] The { $count } clear items
}
record-clear-caption = Clear items, in order of the sheet
record-batch-steps = Steps on the whole batch
record-batch-steps-caption = Steps on the whole batch (bulk approvals)
