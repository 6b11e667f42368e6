# Printable decision records of an item and of a batch. Times show "UTC" in the value, never in the label.

record-link-item = Ficha imprimible
record-link-batch = Ficha imprimible del lote
record-item-title = Ficha de decisión: { $item }
record-batch-title = Ficha de decisión del lote { $file }
record-back-to-item = ← Volver al artículo
record-back-to-batch = ← Volver al lote
record-print-hint = Imprima esta página con la orden de impresión del navegador; el menú y los formularios no se imprimen.
record-batch-heading = Lote
record-project = Proyecto
record-file = Archivo
record-uploaded = Subido
record-uploaded-by = { $when } por { $name }
record-catalogue = Versión del catálogo al subirlo
record-made-label = Ficha elaborada
record-description-column = Columna de la descripción
record-reviewed = Último paso de revisión
record-evidence = Pruebas:
record-screened-with = controlado con la versión { $version } del catálogo.
record-no-findings = Ninguna entrada del catálogo coincide con este artículo.
record-col-when = Fecha y hora
record-col-who = Persona
record-col-step = Paso
record-col-justification = Justificación
record-review-caption = Historial de revisión
record-not-clear = { $count ->
    [one] El artículo con objeción o por revisar
   *[other] Los { $count } artículos con objeción o por revisar
}
record-none-not-clear = Todos los artículos de este lote están sin objeción.
record-clear = { $count ->
    [one] El artículo sin objeción
   *[other] Los { $count } artículos sin objeción
}
record-clear-caption = Artículos sin objeción, en el orden de la hoja
record-batch-steps = Pasos sobre todo el lote
record-batch-steps-caption = Pasos sobre todo el lote (aprobaciones en bloque)
