# Administration pages: accounts, projects, the audit trail.

admin-nav-label = Administration
admin-nav-users = Users
admin-nav-projects = Projects
admin-nav-audit = Audit trail

admin-role-officer = Procurement officer
admin-role-reviewer = Compliance reviewer
admin-role-monitor = Monitoring officer
admin-role-admin = Administrator
admin-role-erp = ERP service account

admin-users-title = Users
admin-user-title = User { $name }
admin-user-name = Name
admin-user-role = Role
admin-user-projects = Projects
admin-user-status = Status
admin-user-created = Created
admin-status-active = Active
admin-status-disabled-since = Disabled since { $when }
admin-user-create = Create an account
admin-user-create-submit = Create the account
admin-user-no-projects = No project exists yet: type the first one below.
admin-user-new-projects = Other projects
admin-user-new-projects-hint = Project ids separated by commas; projects that do not exist yet are created.
admin-user-password = Password
admin-user-password-hint = At least { $min } characters. Leave empty to have one generated and shown once.
admin-user-history = This account's history in the audit trail
admin-user-access = Role and projects
admin-user-access-submit = Save role and projects
admin-sessions-end-hint = Saving ends this person's open sessions: they sign in again with the new access.
admin-user-reset-password = Reset the password
admin-user-reset-password-submit = Reset the password
admin-user-disable = Disable the account
admin-user-disable-hint = A disabled account cannot sign in; its sessions end at once. Its records stay in the audit trail.
admin-user-enable = Enable the account
admin-password-generated = New password (shown only this once):
admin-password-generated-hint = Hand it over in person or by a separate channel. It is not stored in readable form and cannot be shown again.

admin-done-created = The account was created.
admin-done-access = Role and projects saved; the account's sessions were ended.
admin-done-disabled = The account was disabled and its sessions were ended.
admin-done-enabled = The account was enabled.
admin-done-password = The password was reset and the account's sessions were ended.
admin-done-project = The project was saved.

admin-error-no-such-user = No account is named “{ $value }”.
admin-error-name-taken = An account named “{ $value }” exists already. Choose another name.
admin-error-invalid-name = The name must be 1 to 100 characters, without spaces at the beginning or end.
admin-error-invalid-project = Project “{ $value }”: use 1 to 64 letters, digits, “-”, “_” or “.”.
admin-error-invalid-project-name = The project name must be 1 to 200 characters.
admin-error-short-password = The password must be at least { $min } characters long.
admin-error-disable-self = You cannot disable your own account. Ask another administrator.
admin-error-last-admin = This would leave no active administrator. Make another account administrator first.
admin-error-project-exists = Project “{ $value }” exists already: open it from the list to change it.

admin-projects-title = Projects
admin-projects-none = No projects yet.
admin-project-title = Project { $id }
admin-project-id = Project
admin-project-id-hint = A short id used in links and tokens: letters, digits, “-”, “_” or “.”; it cannot be changed later.
admin-project-name = Name
admin-project-partner-country = Partner country
admin-project-recipient = Recipient force or agency
admin-project-funding-line = Funding line
admin-project-create = Create a project
admin-project-create-submit = Create the project
admin-project-describe = Description
admin-project-save = Save the project
admin-project-history = This project's history in the audit trail

admin-audit-title = Audit trail
admin-audit-chain-intact = The audit chain is intact
admin-audit-chain-broken = The audit chain is broken
admin-audit-chain-records = { $count ->
    [one] One record checked: it carries its own hash and links to the one before.
   *[other] { $count } records checked: each carries its own hash and links to the one before.
}
admin-audit-chain-head = Note the last record to detect later removals:
admin-audit-break-altered = Record { $seq } was altered: its content does not match its hash.
admin-audit-break-removed = Records { $from } to { $to } were removed.
admin-audit-break-relinked = Record { $seq } does not follow record { $previous }: a record was inserted, or record { $previous } was altered and re-hashed.
admin-audit-break-out-of-order = Record { $seq } is out of order (expected { $expected }): a record was inserted.
admin-audit-break-anchor = Record { $seq } no longer has the hash noted earlier: the end of the chain was removed or rewritten.
admin-audit-filters = Filter the records
admin-audit-actor = Who
admin-audit-action = Action
admin-audit-entity-type = Kind of record
admin-audit-entity-id = Record id
admin-audit-outcome = Outcome
admin-audit-outcome-any = Any
admin-audit-outcome-done = Done
admin-audit-outcome-refused = Refused
admin-audit-from = From
admin-audit-until = Until
admin-audit-apply = Show
admin-audit-count = { $count ->
    [0] No record matches.
    [one] One record matches.
   *[other] { $count } records match, newest first.
}
admin-audit-when = When
admin-audit-entity = Concerning
admin-audit-details = Reason and changes
admin-audit-states = Before and after
admin-audit-before = Before
admin-audit-after = After
admin-pages = Pages
admin-previous = ← Previous
admin-next = Next →
admin-page-range = { $first }–{ $last } of { $total }
