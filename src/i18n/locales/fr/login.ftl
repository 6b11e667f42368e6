# The sign-in page.

login-title = Connexion
login-name = Nom
login-password = Mot de passe
login-submit = Se connecter
login-token-summary = Se connecter avec un jeton du fournisseur d’identité de votre organisation
login-token-label = Jeton d’accès (JWT)
login-token-hint = Collez un jeton d’accès émis pour ce service par votre fournisseur d’identité. Il est vérifié avec les mêmes clés, émetteur et audience que l’API ; la session prend fin à l’expiration du jeton.
login-token-submit = Se connecter avec le jeton
login-wrong-password = Nom ou mot de passe incorrect.
login-bad-token = Le jeton a expiré ou n’est pas valable pour ce service.
