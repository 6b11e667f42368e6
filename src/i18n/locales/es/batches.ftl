# Batches: the list, one batch's verdict and items, how its file was read, the upload page.

batches-title = Lotes
batches-none = Todavía no hay lotes en sus proyectos.
batches-col-by = Por
batches-col-attention = Requiere atención
batch-state-open = Abierto: en revisión
batch-state-blocked = Bloqueado
batch-state-cleared = Aprobado
batch-state-partially_cleared = Aprobado en parte
verdict-open = Abierto: hay líneas esperando a un revisor
verdict-blocked = Bloqueado: el pedido contiene líneas prohibidas
verdict-cleared = Aprobado: todas las líneas están aprobadas
verdict-partially_cleared = Aprobado en parte: todas las líneas están decididas, algunas fueron rechazadas
verdict-empty = La hoja tenía encabezado pero ninguna línea: no se controló nada. Compruebe que las líneas están debajo del encabezado en la hoja, o cargue el archivo correcto.
verdict-count-blocked = { $count ->
    [one] Una línea está prohibida
   *[other] { $n } líneas están prohibidas
}
verdict-blocked-what = Retírelas del pedido: una línea prohibida nunca se aprueba.
verdict-count-licence = { $count ->
    [one] Una línea requiere una licencia de exportación o transferencia (lista militar, doble uso o bienes controlados).
   *[other] { $n } líneas requieren una licencia de exportación o transferencia (lista militar, doble uso o bienes controlados).
}
verdict-count-awaiting = { $count ->
    [0] Ninguna línea espera a un revisor.
    [one] Una línea espera a un revisor.
   *[other] { $n } líneas esperan a un revisor.
}
verdict-count-questions = { $count ->
    [one] Una pregunta a quien cargó el archivo espera respuesta
   *[other] { $n } preguntas a quien cargó el archivo esperan respuesta
}
verdict-count-clear = { $count ->
    [0] Ninguna línea está libre de objeciones.
    [one] Una línea está libre de objeciones.
   *[other] { $n } líneas están libres de objeciones.
}
batch-meta = Proyecto { $project } · cargado por { $name } el { $when } · catálogo { $catalogue }
batch-already-uploaded = Este archivo ya se cargó el { $when } como el lote «{ $file }» por { $name }: no se importó nada nuevo, aquí está ese lote.
batch-by-decision = { $count ->
    [one] Una línea por decisión
   *[other] { $n } líneas por decisión
}
batch-import-problems = problemas de importación
batch-download = Descargar:
batch-download-xlsx = decisiones (XLSX)
batch-download-csv = decisiones (CSV)
batch-download-screening = informe de control (CSV)
batch-approved = { $count ->
    [one] Se aprobó una línea libre de objeciones.
   *[other] Se aprobaron { $count } líneas libres de objeciones.
}
batch-skipped = Se dejaron fuera { $count } líneas libres de objeciones: cada una fue clasificada antes como prohibida (apruébela por separado cuando dos revisores la hayan rebajado) o usted la modificó (decide otro revisor). El historial de la línea indica cuál.
batch-items-shown = { $count ->
    [one] Se muestra una línea.
   *[other] Se muestran { $n } líneas.
}
batch-lines = { $count ->
    [one] una línea
   *[other] { $count } líneas
}
batch-lines-at-least = al menos { $lines }
batch-notices-title = Destino y destinatarios
batch-notices-measures = El destino está sujeto a medidas restrictivas:
batch-notices-parties = Hay líneas que nombran a una parte que podría figurar en una lista de sanciones:
filter-decision = Decisión
filter-all = todas
filter-review = Revisión
filter-any = cualquiera
filter-sort = Orden
sort-severity = Las más graves primero
sort-row = Orden de la hoja
filter-search = Buscar en las descripciones
filter-submit = Filtrar
filter-show-all = Mostrar todo
pager-label = Páginas
pager-previous = ← Anterior
pager-next = Siguiente →
pager-range = { $first }–{ $last } de { $total }
layout-title = Cómo se leyó el archivo
layout-intro = Cada columna de cada hoja: leída como campo, controlada como texto, o no controlada y por qué.
layout-sheet = Hoja { $sheet }
layout-the-file = El archivo
layout-sheet-summary = encabezado en la fila { $header }, { $count ->
    [one] una línea
   *[other] { $count } líneas
}
layout-hidden = (hoja oculta)
layout-col-column = Columna
layout-col-header = Encabezado
layout-col-read-as = Leída como
layout-col-done = Tratamiento
layout-col-cells = Celdas
layout-skipped = Hojas no leídas
problems-title = { $count ->
    [one] Un problema de importación
   *[other] { $count } problemas de importación
}
problems-intro = La línea se controla de todos modos; revise estas celdas en la hoja de cálculo.
problems-col-value = Valor
problems-col-problem = Problema
upload-title = Cargar una hoja de cálculo
upload-no-project = Su cuenta no da acceso a ningún proyecto. Pida a un administrador que añada uno.
upload-project = Proyecto
upload-file = Hoja de cálculo
upload-drop = Arrastre la hoja de cálculo aquí, o elíjala:
upload-hint = XLSX, XLSM, XLSB, XLS, ODS o CSV, hasta { $mib } MiB. Cada línea se importa, se clasifica y se guarda con su evidencia.
upload-submit = Cargar y controlar
upload-recent = Lotes recientes
upload-js-ready = Listo:
upload-js-uploading = Cargando
upload-js-checking = Cargado. Controlando cada línea con las listas de control…
upload-js-not-stored = No guardado:
upload-js-unreachable = La carga falló: no se pudo contactar con el servidor.
