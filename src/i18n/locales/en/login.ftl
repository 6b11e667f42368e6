# The sign-in page.

login-title = Sign in
login-name = Name
login-password = Password
login-submit = Sign in
login-token-summary = Sign in with a token from your organisation's identity provider
login-token-label = Access token (JWT)
login-token-hint = Paste an access token your identity provider issued for this service. It is checked with the same keys, issuer and audience as the API; the session ends when the token expires.
login-token-submit = Sign in with token
login-wrong-password = Wrong name or password.
login-bad-token = The token is expired or not valid for this service.
