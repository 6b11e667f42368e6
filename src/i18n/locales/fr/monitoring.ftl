# The monitoring back office: obligations, deliveries, certificates, serials, inspections, incidents,
# transfers, disposals, waivers and the calendar feed.

mon-title = Suivi
mon-delivery-title = Livraison
mon-nav-label = Pages du suivi
mon-nav-obligations = Obligations
mon-nav-deliveries = Livraisons
mon-nav-certificates = Certificats
mon-nav-serials = Numéros de série
mon-nav-incidents = Incidents
mon-nav-feed = Calendrier partagé

mon-all = tous
mon-show = Afficher
mon-project = Projet
mon-country = Pays
mon-country-optional = Pays (s’il diffère du pays partenaire du projet)
mon-as-of = Situation au { $date }.
mon-counts-label = Obligations par état
mon-chart-label = Obligations à échéance par mois et par état, six mois avant et six mois après
mon-chart-caption = Échéances par mois :
mon-by-country = Par pays
mon-open-obligations = Obligations en cours
mon-nothing-due = Rien n’est dû.
mon-due = Échéance
mon-state = État
mon-what = Objet
mon-days-late = { $days ->
    [one] 1 jour de retard
   *[other] { $days } jours de retard
}
mon-count-found = { $count ->
    [0] aucun résultat
    [one] 1 résultat
   *[other] { $count } résultats
}
mon-pages = Pages
mon-page-previous = ← Précédent
mon-page-next = Suivant →
mon-page-shown = { $first }–{ $last } sur { $total }

mon-state-upcoming = À venir
mon-state-due_soon = Échéance proche
mon-state-overdue = En retard
mon-state-fulfilled = Remplie
mon-state-waived = Levée

mon-obligation-delivery_confirmation = Confirmation de réception de la livraison de { $item } ({ $date })
mon-obligation-initial_inventory = Inventaire initial de la livraison de { $item } ({ $date })
mon-obligation-periodic_inventory = Inventaire périodique de la livraison de { $item } ({ $date })
mon-obligation-incident_report = Déclaration d’incident pour la livraison de { $item } ({ $date })
mon-obligation-transfer_answer = Réponse à une demande de transfert pour la livraison de { $item } ({ $date })

mon-profile-none = sans suivi
mon-profile-routine = suivi courant
mon-profile-enhanced = suivi renforcé

mon-serial-status-in_service = En service
mon-serial-status-lost = Perdu
mon-serial-status-stolen = Volé
mon-serial-status-transferred = Transféré
mon-serial-status-destroyed = Détruit
mon-serial-status-disposed = Éliminé

mon-incident-kind-loss = Perte
mon-incident-kind-theft = Vol
mon-incident-kind-misuse = Usage abusif
mon-incident-kind-unsighted = Non vu lors d’une inspection
mon-incident-kind-damage = Dommage

mon-result-sighted = Vu
mon-result-not_sighted = Non vu
mon-result-damaged = Endommagé
mon-result-not_in_service = Hors service

mon-inspection-kind-initial = Inventaire initial
mon-inspection-kind-periodic = Inventaire périodique
mon-inspection-kind-post_shipment = Contrôle après expédition
mon-inspection-kind-spot = Contrôle inopiné

mon-consent-pending = En attente de réponse
mon-consent-granted = Accordé
mon-consent-refused = Refusé

mon-done-delivery = La livraison est enregistrée.
mon-done-confirm = La confirmation de réception est enregistrée.
mon-done-serials = Les numéros de série de la liste de colisage sont ajoutés.
mon-done-inspection = L’inspection est enregistrée ; les dates de dernière observation des numéros de série sont à jour.
mon-done-plan = L’inspection est planifiée ; elle figure dans le calendrier partagé.
mon-done-incident = L’incident est enregistré ; sa déclaration est désormais due.
mon-done-report = La déclaration de l’incident est enregistrée.
mon-done-transfer = La demande de transfert est enregistrée ; sa réponse est désormais due.
mon-done-answer = La réponse à la demande de transfert est enregistrée.
mon-done-disposal = L’élimination est enregistrée.
mon-done-waiver = L’obligation est levée ; la justification figure dans la piste d’audit.
mon-done-certificate = Le certificat est enregistré.

mon-not-saved = Rien n’a été enregistré. Veuillez corriger ce qui est signalé ci-dessous.
mon-error-required = Veuillez remplir ce champ.
mon-error-date = Veuillez indiquer une date (année-mois-jour).
mon-error-count = Veuillez indiquer un nombre entier d’au moins 1.
mon-error-choose = Veuillez faire un choix.
mon-error-file = Veuillez choisir le fichier de la liste de colisage.
mon-error-future-date = Le { $date } est postérieur à aujourd’hui ({ $today }) : enregistrez une inspection une fois faite, ou planifiez-la ci-dessous.
mon-error-serial-unknown = Le numéro de série { $serial } ne fait pas partie de cette livraison.
mon-error-serial-twice = Le numéro de série { $serial } est indiqué deux fois.
mon-error-picked-result = Veuillez indiquer ce qui a été constaté pour les numéros cochés.
mon-error-justification = Veuillez expliquer en 10 caractères au moins pourquoi l’obligation ne s’applique plus.
mon-error-hash = Une empreinte SHA-256 compte 64 caractères de 0 à 9 et de a à f.
mon-error-hash-differs = L’empreinte collée n’est pas celle du scan téléversé.
mon-error-not-found = Élément introuvable : { $what }.

mon-delivered-meta = livré le { $date } à { $unit }, { $location }
mon-what-was-delivered = Ce qui a été livré
mon-item = Article
mon-quantity = Quantité
mon-of-ordered = sur { $ordered } commandés
mon-batch = Lot
mon-certificate = Certificat d’utilisateur final
mon-no-certificate = Aucun certificat
mon-issued-on = délivré le { $date }
mon-confirmed = Réception confirmée
mon-not-confirmed = Réception non confirmée
mon-not-yet = pas encore
mon-keep-until = Conserver les dossiers jusqu’au
mon-what-it-owes = Obligations restantes
mon-nothing-open = Aucune obligation en cours.
mon-due-on = échéance le { $date }
mon-serials = Numéros de série
mon-no-serials = Aucun numéro de série pour l’instant.
mon-serial-table = Afficher les numéros de série
mon-serial = Numéro de série
mon-model = Modèle
mon-status = Statut
mon-last-seen = Vu pour la dernière fois
mon-where = Lieu
mon-never = jamais
mon-inspections = Inspections
mon-none-yet = Aucune pour l’instant.
mon-done-on = faite le { $date }
mon-planned-on = prévue le { $date }
mon-record = Enregistrer

mon-record-inspection = Enregistrer une inspection
mon-kind = Type
mon-done-on-label = Faite le
mon-future-hint = Une inspection à venir se planifie ; elle ne s’enregistre pas.
mon-inspector = Inspecteur
mon-findings = Constatations
mon-what-was-found = Ce qui a été constaté
mon-scan-hint = Scannez ou saisissez les numéros de série, un par ligne (virgules et espaces les séparent aussi). Rien n’est compté comme vu sans figurer ici, être coché ci-dessous, ou sans cocher « tous les autres numéros en service ont été vus ».
mon-list-sighted = Vus
mon-list-not_sighted = Non vus
mon-list-damaged = Endommagés
mon-list-not_in_service = Hors service
mon-all-sighted = Tous les autres numéros en service ont été vus (les perdus et volés ne sont pas inclus)
mon-pick-serials = Choisir des numéros dans la liste
mon-pick = Cocher
mon-missing-hint = déclaré manquant : ne l’indiquer que s’il a été retrouvé
mon-picked-result = Les numéros cochés étaient
mon-choose = Choisir…

mon-record-incident = Enregistrer un incident
mon-what-happened = Ce qui s’est passé
mon-serial-if-one = Numéro de série (le cas échéant)
mon-discovered-on = Constaté le
mon-description = Description
mon-incidents = Incidents
mon-not-reported = Pas encore déclaré
mon-reported = Déclaré
mon-reported-to = déclaré le { $date } à { $to }
mon-report-incident = Déclarer l’incident
mon-reported-to-label = Déclaré à (autorité)
mon-reported-on = Déclaré le
mon-report-state = Déclaration

mon-confirm-delivery = Confirmer la réception
mon-confirmed-by = Confirmée par (côté destinataire)
mon-confirmed-on = Confirmée le
mon-import-serials = Ajouter les numéros de série d’une liste de colisage
mon-import-hint = { $missing ->
    [one] Une unité n’a pas encore de numéro de série.
   *[other] { $missing } unités n’ont pas encore de numéro de série.
} Téléversez la liste de colisage du fournisseur (CSV, XLSX, XLS ou ODS) avec une colonne intitulée par exemple « N° de série ».
mon-packing-list = Liste de colisage
mon-plan-inspection = Planifier une inspection
mon-planned-on-label = Prévue le
mon-record-disposal = Enregistrer une élimination
mon-disposed-on = Éliminé le
mon-disposal-method = Comment (destruction, démilitarisation, retour…)
mon-witness = Témoin
mon-destruction-certificate = Référence du certificat de destruction
mon-waive = Lever cette obligation
mon-justification = Pourquoi elle ne s’applique plus

mon-request-transfer = Demander l’autorisation d’un transfert
mon-transfer-serials = Numéros de série à transférer
mon-held-serials = Numéros détenus :
mon-transferee = Bénéficiaire du transfert
mon-reason = Motif
mon-requested-on = Demandé le
mon-transfers = Demandes de transfert
mon-transfer-to = à { $to }, { $count ->
    [one] 1 numéro de série
   *[other] { $count } numéros de série
}
mon-record-answer = Enregistrer la réponse
mon-answer = Réponse
mon-decided-on = Répondu le
mon-answer-note = Note (conditions, motifs)

mon-deliveries = Livraisons
mon-search-items = La description de l’article contient
mon-delivered-on = Livré le
mon-receiving-unit = Unité destinataire
mon-location = Lieu
mon-record-delivery = Enregistrer une livraison
mon-approved-item = Article approuvé
mon-no-deliverable-items = Aucun article approuvé n’attend de livraison dans vos projets.
mon-serials-now = Numéros de série (s’ils sont déjà connus)
mon-serials-now-hint = Un par ligne. Le suivi renforcé exige le numéro de série de chaque unité avant l’expédition ; sinon, vous pourrez les ajouter plus tard depuis la liste de colisage.

mon-certificates = Certificats d’utilisateur final
mon-search-certificates = La référence ou l’utilisateur final contient
mon-reference = Référence
mon-issuer = Autorité émettrice
mon-end-user = Utilisateur final
mon-consignee = Destinataire
mon-final-destination = Destination finale
mon-end-use = Utilisation finale
mon-issued-on-label = Délivré le
mon-valid-until = Valable jusqu’au
mon-no-reexport = Pas de réexportation ni de transfert sans accord écrit préalable
mon-onsite-checks = L’utilisateur final accepte les vérifications sur place
mon-signed-copy = L’exemplaire signé
mon-scan = Scan de l’exemplaire signé (seule son empreinte SHA-256 est conservée)
mon-paste-hash = Ou collez son empreinte SHA-256
mon-hash-hint = L’empreinte permet de prouver plus tard qu’une copie est bien celle qui a été signée ; le scan lui-même n’est pas conservé.
mon-record-certificate = Enregistrer un certificat

mon-search-serials = Le numéro de série contient
mon-custodian = Détenteur

mon-feed-intro = Les agendas peuvent s’abonner, par un lien secret, aux inspections prévues et aux inventaires à faire d’un projet.
mon-feed-make = Créer ou renouveler le lien
mon-feed-replaces = Un nouveau lien remplace l’ancien : les agendas qui utilisent l’ancien ne sont plus mis à jour.
mon-feed-created = Le lien d’agenda du projet { $project } est créé.
mon-feed-rotated = Le lien d’agenda du projet { $project } est renouvelé ; l’ancien ne fonctionne plus.
mon-feed-url = Abonnez-vous à cette adresse
mon-feed-secret = Gardez-la comme un mot de passe : quiconque la détient peut lire le calendrier des inspections du projet. Elle n’est affichée qu’une fois.
