# An officer's home page.

home-title = Mi trabajo
home-questions = { $count ->
    [0] Ninguna pregunta le espera
    [one] Una pregunta espera su respuesta
   *[other] { $count } preguntas esperan su respuesta
}
home-no-questions = Los revisores no le han hecho ninguna pregunta pendiente.
home-row = Fila { $row }
home-asked-by = formulada por { $name }
home-answer = Responder a la pregunta
home-blocked = { $count ->
    [0] Ninguna línea está bloqueada
    [one] Una línea está bloqueada
   *[other] { $count } líneas están bloqueadas
}
home-no-blocked = Ninguna de sus líneas está prohibida.
home-blocked-what-to-do = Una línea prohibida nunca se aprueba: retírela de la orden de compra y cargue la hoja corregida. Si cree que el control se equivoca (las palabras significan aquí otra cosa), dígaselo a un revisor: dos revisores deben estar de acuerdo para rebajar la decisión.
home-col-batch = Lote
home-col-row = Fila
home-col-description = Descripción
home-col-review = Revisión
home-my-batches = Mis lotes
home-no-batches = Todavía no ha cargado ningún lote.
home-upload = Cargar una hoja de cálculo
home-col-file = Archivo
home-col-project = Proyecto
home-col-uploaded = Cargado
home-col-state = Estado
home-col-items = Líneas
home-changes = Decisiones modificadas en los últimos { $days } días
home-no-changes = Ninguna decisión sobre sus líneas cambió en ese período.
home-change-rescreened = controlada de nuevo con el catálogo { $version }:
home-change-reclassified = reclasificada por { $name }:
home-change-decided = decidida por { $name }:
