# The page shell: navigation, roles, the language switcher.

shell-nav-label = Main
shell-nav-home = My work
shell-nav-upload = Upload
shell-nav-batches = Batches
shell-nav-review = Review
shell-nav-monitoring = Monitoring
shell-nav-catalog = Catalogue
shell-nav-admin = Administration
role-officer = procurement officer
role-reviewer = compliance reviewer
role-monitor = monitoring
role-admin = administrator
role-erp = ERP system
summary-bar-label = Share of items by decision
