# The catalogue pages.

catalog-page-title = Catálogo
catalog-entry-title = Entrada del catálogo { $code }
catalog-version = Versión del catálogo { $version }.
catalog-published = Publicada el { $date }.
catalog-search-label = Código, título o palabra
catalog-list = Lista
catalog-all-lists = todas las listas
catalog-search = Buscar
catalog-entries = { $count ->
    [one] Una entrada.
   *[other] { $count } entradas.
}
catalog-entries-first = { $count } entradas (las { $count } primeras).
catalog-code = Código
catalog-title = Título
catalog-set-by-policy = fijada por la política
catalog-also-written = También escrito
catalog-part-of = Forma parte de
catalog-legal-source = Fuente jurídica
catalog-act-version = versión { $version }
catalog-official-text = texto oficial
catalog-hs = Partidas SA
catalog-note = Nota
catalog-threshold = Umbral:
catalog-words = Palabras que la reconocen
catalog-strong = Palabras fuertes (deciden la entrada)
catalog-weak = Palabras ambiguas (solas, envían a revisión)
catalog-context = Palabras de confirmación (solo junto a otra coincidencia)
catalog-models = Modelos
catalog-calibres = Calibres
catalog-negative = Equivalentes civiles que no cuentan
catalog-all-of = ← Todas las entradas de { $list }
