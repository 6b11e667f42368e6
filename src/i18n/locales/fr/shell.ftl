# The page shell: navigation, roles, the language switcher.

shell-nav-label = Navigation principale
shell-nav-home = Mon travail
shell-nav-upload = Charger
shell-nav-batches = Lots
shell-nav-review = Vérification
shell-nav-monitoring = Suivi
shell-nav-catalog = Catalogue
shell-nav-admin = Administration
role-officer = chargé des achats
role-reviewer = vérificateur de conformité
role-monitor = suivi
role-admin = administrateur
role-erp = système ERP
summary-bar-label = Répartition des lignes par décision
