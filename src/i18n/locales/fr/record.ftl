# Printable decision records of an item and of a batch. Times show "UTC" in the value, never in the label.

record-link-item = Fiche imprimable
record-link-batch = Fiche imprimable du lot
record-item-title = Fiche de décision : { $item }
record-batch-title = Fiche de décision du lot { $file }
record-back-to-item = ← Retour à l'article
record-back-to-batch = ← Retour au lot
record-print-hint = Imprimez cette page avec la commande d'impression du navigateur ; le menu et les formulaires ne sont pas imprimés.
record-batch-heading = Lot
record-project = Projet
record-file = Fichier
record-uploaded = Déposé
record-uploaded-by = { $when } par { $name }
record-catalogue = Version du catalogue au dépôt
record-made-label = Fiche établie
record-description-column = Colonne de la désignation
record-reviewed = Dernière étape de revue
record-evidence = Éléments :
record-screened-with = contrôlé avec la version { $version } du catalogue.
record-no-findings = Aucune entrée du catalogue ne correspond à cet article.
record-col-when = Date et heure
record-col-who = Personne
record-col-step = Étape
record-col-justification = Justification
record-review-caption = Historique de la revue
record-not-clear = { $count ->
    [one] L'article qui appelle une objection ou un examen
   *[other] Les { $count } articles qui appellent une objection ou un examen
}
record-none-not-clear = Tous les articles de ce lot sont sans objection.
record-clear = { $count ->
    [one] L'article sans objection
   *[other] Les { $count } articles sans objection
}
record-clear-caption = Articles sans objection, dans l'ordre de la feuille
record-batch-steps = Étapes sur l'ensemble du lot
record-batch-steps-caption = Étapes sur l'ensemble du lot (approbations groupées)
