# Pages d'administration : comptes, projets, journal d'audit.

admin-nav-label = Administration
admin-nav-users = Utilisateurs
admin-nav-projects = Projets
admin-nav-audit = Journal d'audit

admin-role-officer = Chargé des achats
admin-role-reviewer = Contrôleur de conformité
admin-role-monitor = Chargé du suivi
admin-role-admin = Administrateur
admin-role-erp = Compte de service ERP

admin-users-title = Utilisateurs
admin-user-title = Utilisateur { $name }
admin-user-name = Nom
admin-user-role = Rôle
admin-user-projects = Projets
admin-user-status = État
admin-user-created = Créé le
admin-status-active = Actif
admin-status-disabled-since = Désactivé depuis le { $when }
admin-user-create = Créer un compte
admin-user-create-submit = Créer le compte
admin-user-no-projects = Aucun projet n'existe encore : saisissez le premier ci-dessous.
admin-user-new-projects = Autres projets
admin-user-new-projects-hint = Identifiants de projet séparés par des virgules ; les projets qui n'existent pas encore sont créés.
admin-user-password = Mot de passe
admin-user-password-hint = Au moins { $min } caractères. Laissez vide pour en générer un, affiché une seule fois.
admin-user-history = Historique de ce compte dans le journal d'audit
admin-user-access = Rôle et projets
admin-user-access-submit = Enregistrer le rôle et les projets
admin-sessions-end-hint = L'enregistrement ferme les sessions ouvertes de cette personne : elle se reconnecte avec ses nouveaux accès.
admin-user-reset-password = Réinitialiser le mot de passe
admin-user-reset-password-submit = Réinitialiser le mot de passe
admin-user-disable = Désactiver le compte
admin-user-disable-hint = Un compte désactivé ne peut plus se connecter ; ses sessions sont fermées immédiatement. Ses enregistrements restent dans le journal d'audit.
admin-user-enable = Réactiver le compte
admin-password-generated = Nouveau mot de passe (affiché cette seule fois) :
admin-password-generated-hint = Remettez-le en main propre ou par un canal distinct. Il n'est pas conservé sous forme lisible et ne pourra plus être affiché.

admin-done-created = Le compte a été créé.
admin-done-access = Rôle et projets enregistrés ; les sessions du compte ont été fermées.
admin-done-disabled = Le compte a été désactivé et ses sessions ont été fermées.
admin-done-enabled = Le compte a été réactivé.
admin-done-password = Le mot de passe a été réinitialisé et les sessions du compte ont été fermées.
admin-done-project = Le projet a été enregistré.

admin-error-no-such-user = Aucun compte ne s'appelle « { $value } ».
admin-error-name-taken = Un compte nommé « { $value } » existe déjà. Choisissez un autre nom.
admin-error-invalid-name = Le nom doit compter de 1 à 100 caractères, sans espace au début ni à la fin.
admin-error-invalid-project = Projet « { $value } » : utilisez de 1 à 64 lettres, chiffres, « - », « _ » ou « . ».
admin-error-invalid-project-name = Le nom du projet doit compter de 1 à 200 caractères.
admin-error-short-password = Le mot de passe doit compter au moins { $min } caractères.
admin-error-disable-self = Vous ne pouvez pas désactiver votre propre compte. Demandez à un autre administrateur.
admin-error-last-admin = Il ne resterait aucun administrateur actif. Nommez d'abord un autre compte administrateur.
admin-error-project-exists = Le projet « { $value } » existe déjà : ouvrez-le depuis la liste pour le modifier.

admin-projects-title = Projets
admin-projects-none = Aucun projet pour l'instant.
admin-project-title = Projet { $id }
admin-project-id = Projet
admin-project-id-hint = Identifiant court utilisé dans les liens et les jetons : lettres, chiffres, « - », « _ » ou « . » ; il ne peut plus être modifié ensuite.
admin-project-name = Nom
admin-project-partner-country = Pays partenaire
admin-project-recipient = Force ou agence bénéficiaire
admin-project-funding-line = Ligne de financement
admin-project-create = Créer un projet
admin-project-create-submit = Créer le projet
admin-project-describe = Description
admin-project-save = Enregistrer le projet
admin-project-history = Historique de ce projet dans le journal d'audit

admin-audit-title = Journal d'audit
admin-audit-chain-intact = La chaîne d'audit est intacte
admin-audit-chain-broken = La chaîne d'audit est rompue
admin-audit-chain-records = { $count ->
    [one] Un enregistrement vérifié : il porte sa propre empreinte et se rattache au précédent.
   *[other] { $count } enregistrements vérifiés : chacun porte sa propre empreinte et se rattache au précédent.
}
admin-audit-chain-head = Notez le dernier enregistrement pour déceler plus tard toute suppression :
admin-audit-break-altered = L'enregistrement { $seq } a été modifié : son contenu ne correspond plus à son empreinte.
admin-audit-break-removed = Les enregistrements { $from } à { $to } ont été supprimés.
admin-audit-break-relinked = L'enregistrement { $seq } ne suit pas l'enregistrement { $previous } : un enregistrement a été inséré, ou l'enregistrement { $previous } a été modifié puis ré-empreint.
admin-audit-break-out-of-order = L'enregistrement { $seq } n'est pas à sa place ({ $expected } attendu) : un enregistrement a été inséré.
admin-audit-break-anchor = L'enregistrement { $seq } n'a plus l'empreinte notée auparavant : la fin de la chaîne a été supprimée ou réécrite.
admin-audit-filters = Filtrer les enregistrements
admin-audit-actor = Qui
admin-audit-action = Action
admin-audit-entity-type = Type d'objet
admin-audit-entity-id = Identifiant de l'objet
admin-audit-outcome = Résultat
admin-audit-outcome-any = Tous
admin-audit-outcome-done = Effectué
admin-audit-outcome-refused = Refusé
admin-audit-from = Du
admin-audit-until = Au
admin-audit-apply = Afficher
admin-audit-count = { $count ->
    [0] Aucun enregistrement ne correspond.
    [one] Un enregistrement correspond.
   *[other] { $count } enregistrements correspondent, du plus récent au plus ancien.
}
admin-audit-when = Date
admin-audit-entity = Objet
admin-audit-details = Motif et modifications
admin-audit-states = Avant et après
admin-audit-before = Avant
admin-audit-after = Après
admin-pages = Pages
admin-previous = ← Précédent
admin-next = Suivant →
admin-page-range = { $first }–{ $last } sur { $total }
