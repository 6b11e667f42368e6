# Shared labels: decisions, review statuses and the page shell.
# Every page's own messages live in a file of their own beside this one (one file per page group).

decision-prohibited = Interdit
decision-military = Liste militaire
decision-dual_use = Double usage
decision-controlled = Contrôlé (anti-torture)
decision-review = À examiner
decision-clear = Sans objection

review-status-pending = En attente d’un vérificateur
review-status-on_hold = En suspens : question à l’auteur du chargement
review-status-proposed = Reclassement proposé
review-status-approved = Approuvé
review-status-rejected = Refusé

shell-language = Langue
shell-change-language = Changer de langue
shell-skip-to-content = Aller au contenu
shell-sign-out = Se déconnecter
