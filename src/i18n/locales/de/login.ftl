# The sign-in page.

login-title = Anmelden
login-name = Name
login-password = Passwort
login-submit = Anmelden
login-token-summary = Mit einem Token des Identitätsanbieters Ihrer Organisation anmelden
login-token-label = Zugriffstoken (JWT)
login-token-hint = Fügen Sie ein Zugriffstoken ein, das Ihr Identitätsanbieter für diesen Dienst ausgestellt hat. Es wird mit denselben Schlüsseln, demselben Aussteller und derselben Zielgruppe geprüft wie bei der API; die Sitzung endet, wenn das Token abläuft.
login-token-submit = Mit Token anmelden
login-wrong-password = Name oder Passwort falsch.
login-bad-token = Das Token ist abgelaufen oder für diesen Dienst nicht gültig.
