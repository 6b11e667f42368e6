# Error pages.

error-status = Code { $status }.
error-back-to-start = Retour à la page d’accueil
error-title-400 = Requête incorrecte
error-title-401 = Non connecté
error-title-403 = Accès refusé
error-title-404 = Introuvable
error-title-405 = Méthode non autorisée
error-title-409 = Conflit
error-title-413 = Trop volumineux
error-title-415 = Type de fichier non pris en charge
error-title-422 = Non accepté
error-title-429 = Trop de requêtes
error-title-500 = Erreur interne
error-title-503 = Service indisponible
error-title-other = Erreur
error-forbidden = Votre rôle ne permet pas cette action.
error-forgery = Ce formulaire est périmé ou n’a pas été envoyé depuis ce site ; rechargez la page et réessayez.
error-not-found = Cette page n’existe pas, ou ce qu’elle montre n’appartient pas à vos projets.
error-not-found-batch = Lot introuvable.
error-not-found-item = Ligne introuvable.
error-not-found-catalogue-entry = Entrée du catalogue introuvable.
error-internal = Une erreur s’est produite de notre côté. Elle a été enregistrée ; réessayez dans un instant.
error-invalid-fields = Certains champs n’ont pas été acceptés.
