# The sign-in page.

login-title = Iniciar sesión
login-name = Nombre
login-password = Contraseña
login-submit = Iniciar sesión
login-token-summary = Iniciar sesión con un token del proveedor de identidad de su organización
login-token-label = Token de acceso (JWT)
login-token-hint = Pegue un token de acceso que su proveedor de identidad haya emitido para este servicio. Se verifica con las mismas claves, emisor y audiencia que la API; la sesión termina cuando el token caduca.
login-token-submit = Iniciar sesión con el token
login-wrong-password = Nombre o contraseña incorrectos.
login-bad-token = El token ha caducado o no es válido para este servicio.
