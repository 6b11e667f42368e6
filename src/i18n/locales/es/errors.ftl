# Error pages.

error-status = Código { $status }.
error-back-to-start = Volver a la página de inicio
error-title-400 = Solicitud incorrecta
error-title-401 = Sesión no iniciada
error-title-403 = Acceso denegado
error-title-404 = No encontrado
error-title-405 = Método no permitido
error-title-409 = Conflicto
error-title-413 = Demasiado grande
error-title-415 = Tipo de archivo no admitido
error-title-422 = No aceptado
error-title-429 = Demasiadas solicitudes
error-title-500 = Error interno
error-title-503 = No disponible
error-title-other = Error
error-forbidden = Su rol no permite esta acción.
error-forgery = Este formulario está desactualizado o no se envió desde este sitio; recargue la página e inténtelo de nuevo.
error-not-found = Esta página no existe, o lo que muestra no pertenece a sus proyectos.
error-not-found-batch = Lote no encontrado.
error-not-found-item = Línea no encontrada.
error-not-found-catalogue-entry = Entrada del catálogo no encontrada.
error-internal = Algo falló de nuestro lado. Quedó registrado; inténtelo de nuevo en un momento.
error-invalid-fields = Algunos campos no fueron aceptados.
