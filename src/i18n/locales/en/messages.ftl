# The service's own sentences in words, keyed by their machine codes: a finding's reason and evidence, the
# problems an import records on a row, the import errors that refuse a file, and refusals of a step.

reason-finding = { $decision } under { $entry } ({ $title }).
reason-original = The classifier's full explanation (in English)
reason-evidence-phrase = “{ $text }” ({ $where }) matches the catalogue phrase { $matched }.
reason-evidence-model = “{ $text }” ({ $where }) names the model { $matched }.
reason-evidence-calibre = “{ $text }” ({ $where }) is the calibre { $matched }.
reason-evidence-pattern = “{ $text }” ({ $where }) is { $matched }.
reason-evidence-hs_code = The HS code “{ $text }” falls under the heading { $matched }.
reason-evidence-declared_code = The declared control code “{ $text }” matches { $matched }.
reason-evidence-measurement = “{ $text }” ({ $where }) is { $matched }.
reason-evidence-threshold_phrase = “{ $text }” ({ $where }) settles the entry's threshold ({ $matched }).
reason-evidence-arms_maker = “{ $text }” ({ $where }) is the arms maker { $matched }.
reason-evidence-destination = The destination “{ $text }” ({ $where }) is under restrictive measures.
reason-evidence-listed_party = “{ $text }” ({ $where }) resembles the listed party { $matched }.

problem-cell_truncated = The cell has { $chars } characters, more than the limit of { $limit }; it was cut. Shorten the text.
problem-description_error = The description cell shows the error { $error }. Fix the formula or type the description so the line can be screened.
problem-description_empty = The description is empty, so the line was not screened. Every line needs a description (the value shows the line's other cells).
problem-cell_error = The cell shows the error { $error }. Fix the formula or type the value.
problem-quantity_not_number = The quantity is not a number. Write a number such as 12.
problem-quantity_not_number_screened = The quantity is not a number (its text was screened). Write a number such as 12.
problem-unit_price_not_number = The unit price is not a number. Write a number such as 1 250,50.
problem-unit_price_not_number_screened = The unit price is not a number (its text was screened). Write a number such as 1 250,50.
problem-quantity_negative = The quantity is negative. Write the number of units ordered, such as 12.
problem-no_header_beyond = A value beyond the last header column has no column header. It was screened as text; give the column a header so it is read as what it is.
problem-no_header_empty = A value under an empty header cell has no column header. It was screened as text; give the column a header so it is read as what it is.
problem-control_character_removed = The control character { $character } was removed from this cell and the item screened without it. Check the source system's export.

import-error-where-sheet = { $file }, sheet “{ $sheet }”
import-error-io = { $where }: the file could not be read ({ $detail }).
import-error-too_large = { $where }: the file is { $size } bytes, above the limit of { $limit } bytes. Split it or remove embedded pictures and try again.
import-error-unsupported_format = { $where }: this kind of file cannot be read ({ $detail }). The formats read are { $formats }.
import-error-encrypted = { $where }: the workbook is protected by a password. Open it, remove the password, save it and upload it again.
import-error-corrupt = { $where }: the file is damaged and cannot be read ({ $detail }). Open it in your spreadsheet application and save it again.
import-error-hostile = { $where }: the file was refused for safety: { $detail } (limit { $limit }). Save only the item list in a new file and upload that.
import-error-no_header = { $where }: no header row with a description column in the first { $rows } rows. Expected a column headed like one of: { $expected }. Found: { $found }.
import-error-sheet_not_found = { $where }: there is no sheet named “{ $sheet }”. The sheets are: { $available }.
import-error-empty = { $where }: the file holds no data. Check that you uploaded the right file.

refusal-detail = The service's details (in English): { $detail }
refusal-forbidden = Your role may not take this step on items.
refusal-four_eyes = Four eyes: nobody decides on items of a batch they uploaded or submitted.
refusal-prohibited_item = A prohibited item can never be approved nor delivered; propose a reclassification if it is a false positive.
refusal-second_reviewer_required = A second, different reviewer must confirm this reclassification.
refusal-four_eyes_party = Four eyes: you uploaded, submitted or edited this item's data, so someone else decides on it.
refusal-two_reviewers_required = This item was screened prohibited: it is approved only after two different reviewers confirmed lowering its decision.
refusal-not_uploader = Only the uploader of the batch answers its questions.
refusal-version_conflict = Someone changed this item since you read it.
refusal-invalid_state = This step does not apply to the item in its present state.
refusal-already_exists = This record already exists.
refusal-unknown_reference = The request names a record that does not exist.
refusal-duplicate = This value is already recorded.
refusal-too_many_webhooks = There are already as many webhooks as allowed.
refusal-already_confirmed = The delivery is already confirmed.
refusal-already_decided = The transfer request was already answered.
refusal-already_reported = The incident is already reported.
refusal-certificate_not_valid = The end-user certificate is not valid on that date.
refusal-certificate_required = This item needs an end-user certificate of the project.
refusal-inventory_incomplete = A full inventory accounts for every serial in service.
refusal-inventory_sample_too_small = The sample inventory accounts for too few of the serials in service.
refusal-not_approved = Only approved items can be delivered.
refusal-obligation_closed = The obligation is already fulfilled or waived.
refusal-quantity_exceeds_order = The quantity is more than what was ordered and not yet delivered.
refusal-serial_gone = The serial number is no longer held.
refusal-serial_not_inspectable = The serial number can no longer be inspected.
refusal-serials_required = Every unit's serial number must be captured before shipment.
