# The page shell: navigation, roles, the language switcher.

shell-nav-label = Hauptnavigation
shell-nav-home = Meine Arbeit
shell-nav-upload = Hochladen
shell-nav-batches = Stapel
shell-nav-review = Prüfung
shell-nav-monitoring = Überwachung
shell-nav-catalog = Katalog
shell-nav-admin = Verwaltung
role-officer = Beschaffung
role-reviewer = Compliance-Prüfung
role-monitor = Überwachung
role-admin = Administration
role-erp = ERP-System
summary-bar-label = Anteil der Positionen nach Entscheidung
