# The sign-in page.

login-title = Iniciar sessão
login-name = Nome
login-password = Palavra-passe
login-submit = Entrar
login-token-summary = Entrar com um token do fornecedor de identidade da sua organização
login-token-label = Token de acesso (JWT)
login-token-hint = Cole um token de acesso emitido para este serviço pelo seu fornecedor de identidade. É verificado com as mesmas chaves, emissor e audiência que a API; a sessão termina quando o token expira.
login-token-submit = Entrar com o token
login-wrong-password = Nome ou palavra-passe incorretos.
login-bad-token = O token expirou ou não é válido para este serviço.
