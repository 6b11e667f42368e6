# Shared labels: decisions, review statuses and the page shell.
# Every page's own messages live in a file of their own beside this one (one file per page group).

decision-prohibited = Prohibited
decision-military = Military list
decision-dual_use = Dual-use
decision-controlled = Controlled (anti-torture)
decision-review = Needs review
decision-clear = Clear

review-status-pending = Waiting for a reviewer
review-status-on_hold = On hold: question to the uploader
review-status-proposed = Reclassification proposed
review-status-approved = Approved
review-status-rejected = Rejected

shell-language = Language
shell-change-language = Change language
shell-skip-to-content = Skip to content
shell-sign-out = Sign out
