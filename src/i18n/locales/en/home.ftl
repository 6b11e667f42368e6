# An officer's home page.

home-title = My work
home-questions = { $count ->
    [0] No question waits for you
    [one] One question waits for your answer
   *[other] { $count } questions wait for your answer
}
home-no-questions = Reviewers have asked you nothing that is still open.
home-row = Row { $row }
home-asked-by = asked by { $name }
home-answer = Answer the question
home-blocked = { $count ->
    [0] No line is blocked
    [one] One line is blocked
   *[other] { $count } lines are blocked
}
home-no-blocked = None of your lines is prohibited.
home-blocked-what-to-do = A prohibited line is never approved: take it out of the purchase order and upload the corrected sheet. If you think the screening is wrong (the words mean something else here), say so to a reviewer: two reviewers must agree to lower the decision.
home-col-batch = Batch
home-col-row = Row
home-col-description = Description
home-col-review = Review
home-my-batches = My batches
home-no-batches = You have uploaded no batch yet.
home-upload = Upload a spreadsheet
home-col-file = File
home-col-project = Project
home-col-uploaded = Uploaded
home-col-state = State
home-col-items = Items
home-changes = Decisions changed in the last { $days } days
home-no-changes = No decision on your lines changed in that time.
home-change-rescreened = screened again against catalogue { $version }:
home-change-reclassified = reclassified by { $name }:
home-change-decided = decided by { $name }:
