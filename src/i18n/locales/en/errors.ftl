# Error pages.

error-status = Status { $status }.
error-back-to-start = Back to the start page
error-title-400 = Bad request
error-title-401 = Not signed in
error-title-403 = Forbidden
error-title-404 = Not found
error-title-405 = Method not allowed
error-title-409 = Conflict
error-title-413 = Too large
error-title-415 = Unsupported file type
error-title-422 = Not accepted
error-title-429 = Too many requests
error-title-500 = Internal error
error-title-503 = Unavailable
error-title-other = Error
error-forbidden = Your role may not do this.
error-forgery = This form is out of date or was not sent from this site; reload the page and try again.
error-not-found = This page does not exist, or what it shows is not in your projects.
error-not-found-batch = Batch not found.
error-not-found-item = Item not found.
error-not-found-catalogue-entry = Catalogue entry not found.
error-internal = Something went wrong on our side. It has been logged; try again in a moment.
error-invalid-fields = Some fields were not accepted.
