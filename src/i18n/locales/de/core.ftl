# Shared labels: decisions, review statuses and the page shell.
# Every page's own messages live in a file of their own beside this one (one file per page group).

decision-prohibited = Verboten
decision-military = Militärgüterliste
decision-dual_use = Dual-Use
decision-controlled = Kontrolliert (Anti-Folter)
decision-review = Prüfung nötig
decision-clear = Unbedenklich

review-status-pending = Wartet auf Prüfer
review-status-on_hold = Zurückgestellt: Rückfrage an den Einreicher
review-status-proposed = Umstufung vorgeschlagen
review-status-approved = Genehmigt
review-status-rejected = Abgelehnt

shell-language = Sprache
shell-change-language = Sprache wechseln
shell-skip-to-content = Zum Inhalt springen
shell-sign-out = Abmelden
