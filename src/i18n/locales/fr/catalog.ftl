# The catalogue pages.

catalog-page-title = Catalogue
catalog-entry-title = Entrée du catalogue { $code }
catalog-version = Version du catalogue { $version }.
catalog-published = Publiée le { $date }.
catalog-search-label = Code, intitulé ou mot
catalog-list = Liste
catalog-all-lists = toutes les listes
catalog-search = Rechercher
catalog-entries = { $count ->
    [one] Une entrée.
   *[other] { $count } entrées.
}
catalog-entries-first = { $count } entrées (les { $count } premières).
catalog-code = Code
catalog-title = Intitulé
catalog-set-by-policy = fixée par la politique
catalog-also-written = Autres graphies
catalog-part-of = Fait partie de
catalog-legal-source = Source juridique
catalog-act-version = version { $version }
catalog-official-text = texte officiel
catalog-hs = Positions SH
catalog-note = Note
catalog-threshold = Seuil :
catalog-words = Les mots qui la reconnaissent
catalog-strong = Mots forts (déterminent l’entrée)
catalog-weak = Mots ambigus (seuls, envoient en vérification)
catalog-context = Mots de confirmation (seulement à côté d’une autre correspondance)
catalog-models = Modèles
catalog-calibres = Calibres
catalog-negative = Équivalents civils qui ne comptent pas
catalog-all-of = ← Toutes les entrées de { $list }
