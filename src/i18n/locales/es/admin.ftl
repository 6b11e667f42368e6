# Páginas de administración: cuentas, proyectos, registro de auditoría.

admin-nav-label = Administración
admin-nav-users = Usuarios
admin-nav-projects = Proyectos
admin-nav-audit = Registro de auditoría

admin-role-officer = Responsable de compras
admin-role-reviewer = Revisor de cumplimiento
admin-role-monitor = Responsable de seguimiento
admin-role-admin = Administrador
admin-role-erp = Cuenta de servicio ERP

admin-users-title = Usuarios
admin-user-title = Usuario { $name }
admin-user-name = Nombre
admin-user-role = Rol
admin-user-projects = Proyectos
admin-user-status = Estado
admin-user-created = Creado
admin-status-active = Activo
admin-status-disabled-since = Desactivado desde el { $when }
admin-user-create = Crear una cuenta
admin-user-create-submit = Crear la cuenta
admin-user-no-projects = Todavía no existe ningún proyecto: escriba el primero abajo.
admin-user-new-projects = Otros proyectos
admin-user-new-projects-hint = Identificadores de proyecto separados por comas; los proyectos que aún no existen se crean.
admin-user-password = Contraseña
admin-user-password-hint = Al menos { $min } caracteres. Déjelo vacío para generar una, que se mostrará una sola vez.
admin-user-history = Historial de esta cuenta en el registro de auditoría
admin-user-access = Rol y proyectos
admin-user-access-submit = Guardar rol y proyectos
admin-sessions-end-hint = Al guardar se cierran las sesiones abiertas de esta persona: volverá a iniciar sesión con el nuevo acceso.
admin-user-reset-password = Restablecer la contraseña
admin-user-reset-password-submit = Restablecer la contraseña
admin-user-disable = Desactivar la cuenta
admin-user-disable-hint = Una cuenta desactivada no puede iniciar sesión; sus sesiones se cierran de inmediato. Sus registros permanecen en el registro de auditoría.
admin-user-enable = Reactivar la cuenta
admin-password-generated = Nueva contraseña (se muestra solo esta vez):
admin-password-generated-hint = Entréguela en persona o por un canal distinto. No se guarda en forma legible y no podrá volver a mostrarse.

admin-done-created = La cuenta se ha creado.
admin-done-access = Rol y proyectos guardados; se cerraron las sesiones de la cuenta.
admin-done-disabled = La cuenta se ha desactivado y se cerraron sus sesiones.
admin-done-enabled = La cuenta se ha reactivado.
admin-done-password = La contraseña se ha restablecido y se cerraron las sesiones de la cuenta.
admin-done-project = El proyecto se ha guardado.

admin-error-no-such-user = No hay ninguna cuenta llamada «{ $value }».
admin-error-name-taken = Ya existe una cuenta llamada «{ $value }». Elija otro nombre.
admin-error-invalid-name = El nombre debe tener de 1 a 100 caracteres, sin espacios al principio ni al final.
admin-error-invalid-project = Proyecto «{ $value }»: use de 1 a 64 letras, cifras, «-», «_» o «.».
admin-error-invalid-project-name = El nombre del proyecto debe tener de 1 a 200 caracteres.
admin-error-short-password = La contraseña debe tener al menos { $min } caracteres.
admin-error-disable-self = No puede desactivar su propia cuenta. Pídaselo a otro administrador.
admin-error-last-admin = No quedaría ningún administrador activo. Convierta antes otra cuenta en administrador.
admin-error-project-exists = El proyecto «{ $value }» ya existe: ábralo desde la lista para modificarlo.

admin-projects-title = Proyectos
admin-projects-none = Todavía no hay proyectos.
admin-project-title = Proyecto { $id }
admin-project-id = Proyecto
admin-project-id-hint = Un identificador corto para enlaces y tokens: letras, cifras, «-», «_» o «.»; no se puede cambiar después.
admin-project-name = Nombre
admin-project-partner-country = País socio
admin-project-recipient = Fuerza u organismo beneficiario
admin-project-funding-line = Línea de financiación
admin-project-create = Crear un proyecto
admin-project-create-submit = Crear el proyecto
admin-project-describe = Descripción
admin-project-save = Guardar el proyecto
admin-project-history = Historial de este proyecto en el registro de auditoría

admin-audit-title = Registro de auditoría
admin-audit-chain-intact = La cadena de auditoría está intacta
admin-audit-chain-broken = La cadena de auditoría está rota
admin-audit-chain-records = { $count ->
    [one] Un registro comprobado: lleva su propio hash y enlaza con el anterior.
   *[other] { $count } registros comprobados: cada uno lleva su propio hash y enlaza con el anterior.
}
admin-audit-chain-head = Anote el último registro para detectar más adelante cualquier supresión:
admin-audit-break-altered = El registro { $seq } fue modificado: su contenido no coincide con su hash.
admin-audit-break-removed = Los registros { $from } a { $to } fueron suprimidos.
admin-audit-break-relinked = El registro { $seq } no sigue al registro { $previous }: se insertó un registro, o el registro { $previous } fue modificado y se recalculó su hash.
admin-audit-break-out-of-order = El registro { $seq } está fuera de orden (se esperaba { $expected }): se insertó un registro.
admin-audit-break-anchor = El registro { $seq } ya no tiene el hash anotado antes: el final de la cadena fue suprimido o reescrito.
admin-audit-filters = Filtrar los registros
admin-audit-actor = Quién
admin-audit-action = Acción
admin-audit-entity-type = Tipo de objeto
admin-audit-entity-id = Identificador del objeto
admin-audit-outcome = Resultado
admin-audit-outcome-any = Todos
admin-audit-outcome-done = Realizado
admin-audit-outcome-refused = Rechazado
admin-audit-from = Desde
admin-audit-until = Hasta
admin-audit-apply = Mostrar
admin-audit-count = { $count ->
    [0] Ningún registro coincide.
    [one] Un registro coincide.
   *[other] { $count } registros coinciden, del más reciente al más antiguo.
}
admin-audit-when = Fecha
admin-audit-entity = Objeto
admin-audit-details = Motivo y cambios
admin-audit-states = Antes y después
admin-audit-before = Antes
admin-audit-after = Después
admin-pages = Páginas
admin-previous = ← Anterior
admin-next = Siguiente →
admin-page-range = { $first }–{ $last } de { $total }
