# Batches: the list, one batch's verdict and items, how its file was read, the upload page.

batches-title = Lots
batches-none = Aucun lot pour l’instant dans vos projets.
batches-col-by = Par
batches-col-attention = À traiter
batch-state-open = Ouvert : en cours de vérification
batch-state-blocked = Bloqué
batch-state-cleared = Validé
batch-state-partially_cleared = Partiellement validé
verdict-open = Ouvert : des lignes attendent un vérificateur
verdict-blocked = Bloqué : la commande contient des lignes interdites
verdict-cleared = Validé : toutes les lignes sont approuvées
verdict-partially_cleared = Partiellement validé : toutes les lignes sont tranchées, certaines ont été refusées
verdict-empty = Le tableau avait un en-tête mais aucune ligne : rien n’a été contrôlé. Vérifiez que les lignes se trouvent sous l’en-tête dans la feuille, ou chargez le bon fichier.
verdict-count-blocked = { $count ->
    [one] Une ligne est interdite
   *[other] { $n } lignes sont interdites
}
verdict-blocked-what = Retirez-les de la commande : une ligne interdite n’est jamais approuvée.
verdict-count-licence = { $count ->
    [one] Une ligne exige une licence d’exportation ou de transfert (liste militaire, double usage ou biens réglementés).
   *[other] { $n } lignes exigent une licence d’exportation ou de transfert (liste militaire, double usage ou biens réglementés).
}
verdict-count-awaiting = { $count ->
    [0] Aucune ligne n’attend de vérificateur.
    [one] Une ligne attend un vérificateur.
   *[other] { $n } lignes attendent un vérificateur.
}
verdict-count-questions = { $count ->
    [one] Une question à l’auteur du chargement attend une réponse
   *[other] { $n } questions à l’auteur du chargement attendent une réponse
}
verdict-count-clear = { $count ->
    [0] Aucune ligne n’est sans objection.
    [one] Une ligne est sans objection.
   *[other] { $n } lignes sont sans objection.
}
batch-meta = Projet { $project } · chargé par { $name } le { $when } · catalogue { $catalogue }
batch-already-uploaded = Ce fichier a déjà été chargé le { $when } comme lot « { $file } » par { $name } : rien de nouveau n’a été importé, voici ce lot.
batch-by-decision = { $count ->
    [one] Une ligne par décision
   *[other] { $n } lignes par décision
}
batch-import-problems = problèmes d’import
batch-download = Télécharger :
batch-download-xlsx = décisions (XLSX)
batch-download-csv = décisions (CSV)
batch-download-screening = rapport de contrôle (CSV)
batch-approved = { $count ->
    [one] Une ligne sans objection approuvée.
   *[other] { $count } lignes sans objection approuvées.
}
batch-skipped = { $count } lignes sans objection laissées de côté : chacune a été classée interdite auparavant (approuvez-la seule une fois que deux vérificateurs l’ont abaissée) ou vous l’avez modifiée (un autre vérificateur décide). L’historique de la ligne indique laquelle.
batch-items-shown = { $count ->
    [one] Une ligne affichée.
   *[other] { $n } lignes affichées.
}
batch-lines = { $count ->
    [one] une ligne
   *[other] { $count } lignes
}
batch-lines-at-least = au moins { $lines }
batch-notices-title = Destination et destinataires
batch-notices-measures = La destination fait l’objet de mesures restrictives :
batch-notices-parties = Des lignes nomment une partie qui figure peut-être sur une liste de sanctions :
filter-decision = Décision
filter-all = toutes
filter-review = Vérification
filter-any = tous
filter-sort = Ordre
sort-severity = Les plus graves d’abord
sort-row = Ordre du tableau
filter-search = Rechercher dans les désignations
filter-submit = Filtrer
filter-show-all = Tout afficher
pager-label = Pages
pager-previous = ← Précédent
pager-next = Suivant →
pager-range = { $first }–{ $last } sur { $total }
layout-title = Comment le fichier a été lu
layout-intro = Chaque colonne de chaque feuille : lue comme champ, contrôlée comme texte, ou non contrôlée et pourquoi.
layout-sheet = Feuille { $sheet }
layout-the-file = Le fichier
layout-sheet-summary = en-tête à la ligne { $header }, { $count ->
    [one] une ligne
   *[other] { $count } lignes
}
layout-hidden = (feuille masquée)
layout-col-column = Colonne
layout-col-header = En-tête
layout-col-read-as = Lue comme
layout-col-done = Traitement
layout-col-cells = Cellules
layout-skipped = Feuilles non lues
problems-title = { $count ->
    [one] Un problème d’import
   *[other] { $count } problèmes d’import
}
problems-intro = La ligne est tout de même contrôlée ; vérifiez ces cellules dans le tableau.
problems-col-value = Valeur
problems-col-problem = Problème
upload-title = Charger un tableau
upload-no-project = Votre compte ne donne accès à aucun projet. Demandez à un administrateur d’en ajouter un.
upload-project = Projet
upload-file = Tableau
upload-drop = Glissez le tableau ici, ou choisissez-le :
upload-hint = XLSX, XLSM, XLSB, XLS, ODS ou CSV, jusqu’à { $mib } Mio. Chaque ligne est importée, classée et enregistrée avec ses justificatifs.
upload-submit = Charger et contrôler
upload-recent = Lots récents
upload-js-ready = Prêt :
upload-js-uploading = Chargement de
upload-js-checking = Chargé. Contrôle de chaque ligne au regard des listes de contrôle…
upload-js-not-stored = Non enregistré :
upload-js-unreachable = Le chargement a échoué : le serveur est injoignable.
