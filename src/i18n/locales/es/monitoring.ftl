# The monitoring back office: obligations, deliveries, certificates, serials, inspections, incidents,
# transfers, disposals, waivers and the calendar feed.

mon-title = Seguimiento
mon-delivery-title = Entrega
mon-nav-label = Páginas de seguimiento
mon-nav-obligations = Obligaciones
mon-nav-deliveries = Entregas
mon-nav-certificates = Certificados
mon-nav-serials = Números de serie
mon-nav-incidents = Incidentes
mon-nav-feed = Calendario compartido

mon-all = todos
mon-show = Mostrar
mon-project = Proyecto
mon-country = País
mon-country-optional = País (si no es el país socio del proyecto)
mon-as-of = Situación al { $date }.
mon-counts-label = Obligaciones por estado
mon-chart-label = Obligaciones que vencen cada mes, por estado, seis meses atrás y seis adelante
mon-chart-caption = Vencimientos por mes:
mon-by-country = Por país
mon-open-obligations = Obligaciones pendientes
mon-nothing-due = No hay nada pendiente.
mon-due = Vence
mon-state = Estado
mon-what = Qué
mon-days-late = { $days ->
    [one] 1 día de retraso
   *[other] { $days } días de retraso
}
mon-count-found = { $count ->
    [one] 1 resultado
   *[other] { $count } resultados
}
mon-pages = Páginas
mon-page-previous = ← Anterior
mon-page-next = Siguiente →
mon-page-shown = { $first }–{ $last } de { $total }

mon-state-upcoming = Próxima
mon-state-due_soon = Vence pronto
mon-state-overdue = Vencida
mon-state-fulfilled = Cumplida
mon-state-waived = Dispensada

mon-obligation-delivery_confirmation = Confirmación de recepción de la entrega de { $item } ({ $date })
mon-obligation-initial_inventory = Inventario inicial de la entrega de { $item } ({ $date })
mon-obligation-periodic_inventory = Inventario periódico de la entrega de { $item } ({ $date })
mon-obligation-incident_report = Notificación de incidente de la entrega de { $item } ({ $date })
mon-obligation-transfer_answer = Respuesta a una solicitud de transferencia de la entrega de { $item } ({ $date })

mon-profile-none = sin seguimiento
mon-profile-routine = seguimiento ordinario
mon-profile-enhanced = seguimiento reforzado

mon-serial-status-in_service = En servicio
mon-serial-status-lost = Perdido
mon-serial-status-stolen = Robado
mon-serial-status-transferred = Transferido
mon-serial-status-destroyed = Destruido
mon-serial-status-disposed = Dado de baja

mon-incident-kind-loss = Pérdida
mon-incident-kind-theft = Robo
mon-incident-kind-misuse = Uso indebido
mon-incident-kind-unsighted = No visto en una inspección
mon-incident-kind-damage = Daño

mon-result-sighted = Visto
mon-result-not_sighted = No visto
mon-result-damaged = Dañado
mon-result-not_in_service = Fuera de servicio

mon-inspection-kind-initial = Inventario inicial
mon-inspection-kind-periodic = Inventario periódico
mon-inspection-kind-post_shipment = Control posterior al envío
mon-inspection-kind-spot = Control por sorpresa

mon-consent-pending = Pendiente de respuesta
mon-consent-granted = Concedida
mon-consent-refused = Denegada

mon-done-delivery = La entrega quedó registrada.
mon-done-confirm = La confirmación de recepción quedó guardada.
mon-done-serials = Se añadieron los números de serie de la lista de empaque.
mon-done-inspection = La inspección quedó guardada; las fechas de última observación de los números de serie están actualizadas.
mon-done-plan = La inspección quedó programada; figura en el calendario compartido.
mon-done-incident = El incidente quedó registrado; ahora debe notificarse.
mon-done-report = La notificación del incidente quedó guardada.
mon-done-transfer = La solicitud de transferencia quedó registrada; ahora debe responderse.
mon-done-answer = La respuesta a la solicitud de transferencia quedó guardada.
mon-done-disposal = La baja quedó registrada.
mon-done-waiver = La obligación quedó dispensada; la justificación consta en el registro de auditoría.
mon-done-certificate = El certificado quedó registrado.

mon-not-saved = No se guardó nada. Corrija lo que se indica abajo.
mon-error-required = Complete este campo.
mon-error-date = Indique una fecha (año-mes-día).
mon-error-count = Indique un número entero de al menos 1.
mon-error-choose = Elija una opción.
mon-error-file = Elija el archivo de la lista de empaque.
mon-error-future-date = El { $date } es posterior a hoy ({ $today }): registre una inspección cuando se haya hecho, o prográmela abajo.
mon-error-serial-unknown = El número de serie { $serial } no pertenece a esta entrega.
mon-error-serial-twice = El número de serie { $serial } figura dos veces.
mon-error-picked-result = Indique qué se constató para los números marcados.
mon-error-justification = Explique en al menos 10 caracteres por qué la obligación ya no se aplica.
mon-error-hash = Un hash SHA-256 tiene 64 caracteres entre 0–9 y a–f.
mon-error-hash-differs = El hash pegado no es el del escaneo subido.
mon-error-not-found = No se encontró: { $what }.

mon-delivered-meta = entregado el { $date } a { $unit }, { $location }
mon-what-was-delivered = Qué se entregó
mon-item = Artículo
mon-quantity = Cantidad
mon-of-ordered = de { $ordered } pedidos
mon-batch = Lote
mon-certificate = Certificado de usuario final
mon-no-certificate = Sin certificado
mon-issued-on = expedido el { $date }
mon-confirmed = Recepción confirmada
mon-not-confirmed = Recepción sin confirmar
mon-not-yet = todavía no
mon-keep-until = Conservar los registros hasta el
mon-what-it-owes = Obligaciones pendientes
mon-nothing-open = No hay nada pendiente.
mon-due-on = vence el { $date }
mon-serials = Números de serie
mon-no-serials = Todavía no hay números de serie.
mon-serial-table = Mostrar los números de serie
mon-serial = Número de serie
mon-model = Modelo
mon-status = Estado
mon-last-seen = Visto por última vez
mon-where = Dónde
mon-never = nunca
mon-inspections = Inspecciones
mon-none-yet = Ninguna todavía.
mon-done-on = realizada el { $date }
mon-planned-on = programada para el { $date }
mon-record = Registrar

mon-record-inspection = Registrar una inspección
mon-kind = Tipo
mon-done-on-label = Realizada el
mon-future-hint = Una inspección futura se programa, no se registra.
mon-inspector = Inspector
mon-findings = Constataciones
mon-what-was-found = Qué se constató
mon-scan-hint = Escanee o escriba los números de serie, uno por línea (las comas y los espacios también los separan). Nada cuenta como visto si no figura aquí, está marcado abajo, o si no marca «todos los demás números en servicio fueron vistos».
mon-list-sighted = Vistos
mon-list-not_sighted = No vistos
mon-list-damaged = Dañados
mon-list-not_in_service = Fuera de servicio
mon-all-sighted = Todos los demás números en servicio fueron vistos (no incluye los perdidos o robados)
mon-pick-serials = Elegir números de la lista
mon-pick = Marcar
mon-missing-hint = declarado desaparecido: indíquelo solo si apareció
mon-picked-result = Los números marcados estaban
mon-choose = Elegir…

mon-record-incident = Registrar un incidente
mon-what-happened = Qué ocurrió
mon-serial-if-one = Número de serie (si corresponde)
mon-discovered-on = Constatado el
mon-description = Descripción
mon-incidents = Incidentes
mon-not-reported = Aún no notificado
mon-reported = Notificado
mon-reported-to = notificado el { $date } a { $to }
mon-report-incident = Notificar el incidente
mon-reported-to-label = Notificado a (autoridad)
mon-reported-on = Notificado el
mon-report-state = Notificación

mon-confirm-delivery = Confirmar la recepción
mon-confirmed-by = Confirmada por (del lado del destinatario)
mon-confirmed-on = Confirmada el
mon-import-serials = Añadir números de serie desde una lista de empaque
mon-import-hint = { $missing ->
    [one] Una unidad aún no tiene número de serie.
   *[other] { $missing } unidades aún no tienen número de serie.
} Suba la lista de empaque del proveedor (CSV, XLSX, XLS u ODS) con una columna llamada, por ejemplo, «Número de serie».
mon-packing-list = Lista de empaque
mon-plan-inspection = Programar una inspección
mon-planned-on-label = Programada para el
mon-record-disposal = Registrar una baja
mon-disposed-on = Dado de baja el
mon-disposal-method = Cómo (destrucción, desmilitarización, devolución…)
mon-witness = Testigo
mon-destruction-certificate = Referencia del certificado de destrucción
mon-waive = Dispensar esta obligación
mon-justification = Por qué ya no se aplica

mon-request-transfer = Solicitar autorización para una transferencia
mon-transfer-serials = Números de serie que se transfieren
mon-held-serials = Números en poder del destinatario:
mon-transferee = Beneficiario de la transferencia
mon-reason = Motivo
mon-requested-on = Solicitada el
mon-transfers = Solicitudes de transferencia
mon-transfer-to = a { $to }, { $count ->
    [one] 1 número de serie
   *[other] { $count } números de serie
}
mon-record-answer = Registrar la respuesta
mon-answer = Respuesta
mon-decided-on = Respondida el
mon-answer-note = Nota (condiciones, motivos)

mon-deliveries = Entregas
mon-search-items = La descripción del artículo contiene
mon-delivered-on = Entregado el
mon-receiving-unit = Unidad receptora
mon-location = Lugar
mon-record-delivery = Registrar una entrega
mon-approved-item = Artículo aprobado
mon-no-deliverable-items = Ningún artículo aprobado espera entrega en sus proyectos.
mon-serials-now = Números de serie (si ya se conocen)
mon-serials-now-hint = Uno por línea. El seguimiento reforzado exige el número de serie de cada unidad antes del envío; si no, puede añadirlos más tarde desde la lista de empaque.

mon-certificates = Certificados de usuario final
mon-search-certificates = La referencia o el usuario final contiene
mon-reference = Referencia
mon-issuer = Autoridad emisora
mon-end-user = Usuario final
mon-consignee = Consignatario
mon-final-destination = Destino final
mon-end-use = Uso final
mon-issued-on-label = Expedido el
mon-valid-until = Válido hasta el
mon-no-reexport = Sin reexportación ni transferencia sin consentimiento previo por escrito
mon-onsite-checks = El usuario final acepta verificaciones in situ
mon-signed-copy = El ejemplar firmado
mon-scan = Escaneo del ejemplar firmado (solo se guarda su hash SHA-256)
mon-paste-hash = O pegue su hash SHA-256
mon-hash-hint = El hash permite demostrar más tarde que una copia es la firmada; el escaneo en sí no se guarda.
mon-record-certificate = Registrar un certificado

mon-search-serials = El número de serie contiene
mon-custodian = Custodio

mon-feed-intro = Las aplicaciones de calendario pueden suscribirse, mediante un enlace secreto, a las inspecciones programadas y los inventarios pendientes de un proyecto.
mon-feed-make = Crear o renovar el enlace
mon-feed-replaces = Un enlace nuevo sustituye al anterior: los calendarios que usan el anterior dejan de actualizarse.
mon-feed-created = Se creó el enlace de calendario del proyecto { $project }.
mon-feed-rotated = Se renovó el enlace de calendario del proyecto { $project }; el anterior ya no funciona.
mon-feed-url = Suscríbase a esta dirección
mon-feed-secret = Guárdela como una contraseña: quien la tenga puede leer el calendario de inspecciones del proyecto. Solo se muestra ahora.
