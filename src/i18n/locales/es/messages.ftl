# The service's own sentences in words, keyed by their machine codes: a finding's reason and evidence, the
# problems an import records on a row, the import errors that refuse a file, and refusals of a step.

reason-finding = { $decision } según { $entry } ({ $title }).
reason-original = La explicación completa del clasificador (en inglés)
reason-evidence-phrase = «{ $text }» ({ $where }) coincide con la expresión del catálogo { $matched }.
reason-evidence-model = «{ $text }» ({ $where }) nombra el modelo { $matched }.
reason-evidence-calibre = «{ $text }» ({ $where }) es el calibre { $matched }.
reason-evidence-pattern = «{ $text }» ({ $where }) es { $matched }.
reason-evidence-hs_code = El código SA «{ $text }» corresponde a la partida { $matched }.
reason-evidence-declared_code = El código de control declarado «{ $text }» coincide con { $matched }.
reason-evidence-measurement = «{ $text }» ({ $where }) es { $matched }.
reason-evidence-threshold_phrase = «{ $text }» ({ $where }) resuelve el umbral de la entrada ({ $matched }).
reason-evidence-arms_maker = «{ $text }» ({ $where }) es el fabricante de armas { $matched }.
reason-evidence-destination = El destino «{ $text }» ({ $where }) está sujeto a medidas restrictivas.
reason-evidence-listed_party = «{ $text }» ({ $where }) se parece a la parte incluida en lista { $matched }.

problem-cell_truncated = La celda tiene { $chars } caracteres, más que el límite de { $limit }; se ha cortado. Acorte el texto.
problem-description_error = La celda de la descripción muestra el error { $error }. Corrija la fórmula o escriba la descripción para que la línea pueda controlarse.
problem-description_empty = La descripción está vacía, así que la línea no se ha controlado. Cada línea necesita una descripción (el valor muestra las demás celdas de la línea).
problem-cell_error = La celda muestra el error { $error }. Corrija la fórmula o escriba el valor.
problem-quantity_not_number = La cantidad no es un número. Escriba un número, por ejemplo 12.
problem-quantity_not_number_screened = La cantidad no es un número (su texto se ha controlado). Escriba un número, por ejemplo 12.
problem-unit_price_not_number = El precio unitario no es un número. Escriba un número, por ejemplo 1 250,50.
problem-unit_price_not_number_screened = El precio unitario no es un número (su texto se ha controlado). Escriba un número, por ejemplo 1 250,50.
problem-quantity_negative = La cantidad es negativa. Escriba el número de unidades pedidas, por ejemplo 12.
problem-no_header_beyond = Un valor más allá de la última columna con encabezado no tiene encabezado. Se ha controlado como texto; dé un encabezado a la columna para que se lea como lo que es.
problem-no_header_empty = Un valor bajo una celda de encabezado vacía no tiene encabezado. Se ha controlado como texto; dé un encabezado a la columna para que se lea como lo que es.
problem-control_character_removed = Se ha quitado el carácter de control { $character } de esta celda y el artículo se ha controlado sin él. Revise la exportación del sistema de origen.

import-error-where-sheet = { $file }, hoja «{ $sheet }»
import-error-io = { $where }: no se ha podido leer el archivo ({ $detail }).
import-error-too_large = { $where }: el archivo tiene { $size } bytes, más que el límite de { $limit } bytes. Divídalo o quite las imágenes incrustadas e inténtelo de nuevo.
import-error-unsupported_format = { $where }: este tipo de archivo no se puede leer ({ $detail }). Los formatos admitidos son { $formats }.
import-error-encrypted = { $where }: el libro está protegido con contraseña. Ábralo, quite la contraseña, guárdelo y súbalo de nuevo.
import-error-corrupt = { $where }: el archivo está dañado y no se puede leer ({ $detail }). Ábralo en su hoja de cálculo y guárdelo de nuevo.
import-error-hostile = { $where }: archivo rechazado por seguridad: { $detail } (límite { $limit }). Guarde solo la lista de artículos en un archivo nuevo y suba ese.
import-error-no_header = { $where }: no hay ninguna fila de encabezado con una columna de descripción en las primeras { $rows } filas. Se espera una columna titulada como: { $expected }. Encontrado: { $found }.
import-error-sheet_not_found = { $where }: no hay ninguna hoja llamada «{ $sheet }». Las hojas son: { $available }.
import-error-empty = { $where }: el archivo no contiene datos. Compruebe que ha subido el archivo correcto.

refusal-detail = Detalles del servicio (en inglés): { $detail }
refusal-forbidden = Su rol no permite este paso sobre los artículos.
refusal-four_eyes = Cuatro ojos: nadie decide sobre los artículos de un lote que ha subido o enviado.
refusal-prohibited_item = Un artículo prohibido nunca se aprueba ni se entrega; proponga una reclasificación si es un falso positivo.
refusal-second_reviewer_required = Un segundo revisor, distinto, debe confirmar esta reclasificación.
refusal-four_eyes_party = Cuatro ojos: usted subió, envió o editó los datos de este artículo, así que decide otra persona.
refusal-two_reviewers_required = Este artículo se clasificó como prohibido: solo se aprueba después de que dos revisores distintos confirmen la rebaja de su decisión.
refusal-not_uploader = Solo quien subió el lote responde a sus preguntas.
refusal-version_conflict = Alguien ha cambiado este artículo desde que lo abrió.
refusal-invalid_state = Este paso no corresponde al estado actual del artículo.
refusal-already_exists = Este registro ya existe.
refusal-unknown_reference = La solicitud nombra un registro que no existe.
refusal-duplicate = Este valor ya está registrado.
refusal-too_many_webhooks = Ya se ha alcanzado el número máximo de webhooks.
refusal-already_confirmed = La entrega ya está confirmada.
refusal-already_decided = La solicitud de transferencia ya tiene respuesta.
refusal-already_reported = El incidente ya está notificado.
refusal-certificate_not_valid = El certificado de usuario final no es válido en esa fecha.
refusal-certificate_required = Este artículo necesita un certificado de usuario final del proyecto.
refusal-inventory_incomplete = Un inventario completo da cuenta de cada número de serie en servicio.
refusal-inventory_sample_too_small = El inventario por muestra da cuenta de demasiado pocos números de serie en servicio.
refusal-not_approved = Solo se pueden entregar artículos aprobados.
refusal-obligation_closed = La obligación ya está cumplida o dispensada.
refusal-quantity_exceeds_order = La cantidad supera lo pedido y aún no entregado.
refusal-serial_gone = Este número de serie ya no está en posesión.
refusal-serial_not_inspectable = Este número de serie ya no puede inspeccionarse.
refusal-serials_required = El número de serie de cada unidad debe registrarse antes del envío.
