# An officer's home page.

home-title = Mon travail
home-questions = { $count ->
    [0] Aucune question ne vous attend
    [one] Une question attend votre réponse
   *[other] { $count } questions attendent votre réponse
}
home-no-questions = Les vérificateurs ne vous ont posé aucune question encore ouverte.
home-row = Ligne { $row }
home-asked-by = posée par { $name }
home-answer = Répondre à la question
home-blocked = { $count ->
    [0] Aucune ligne n’est bloquée
    [one] Une ligne est bloquée
   *[other] { $count } lignes sont bloquées
}
home-no-blocked = Aucune de vos lignes n’est interdite.
home-blocked-what-to-do = Une ligne interdite n’est jamais approuvée : retirez-la du bon de commande et chargez le tableau corrigé. Si vous pensez que le contrôle se trompe (les mots ont ici un autre sens), dites-le à un vérificateur : deux vérificateurs doivent être d’accord pour abaisser la décision.
home-col-batch = Lot
home-col-row = Ligne
home-col-description = Désignation
home-col-review = Vérification
home-my-batches = Mes lots
home-no-batches = Vous n’avez encore chargé aucun lot.
home-upload = Charger un tableau
home-col-file = Fichier
home-col-project = Projet
home-col-uploaded = Chargé le
home-col-state = État
home-col-items = Lignes
home-changes = Décisions modifiées ces { $days } derniers jours
home-no-changes = Aucune décision sur vos lignes n’a changé pendant cette période.
home-change-rescreened = contrôlée à nouveau avec le catalogue { $version } :
home-change-reclassified = reclassée par { $name } :
home-change-decided = tranchée par { $name } :
