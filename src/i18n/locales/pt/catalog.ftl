# The catalogue pages.

catalog-page-title = Catálogo
catalog-entry-title = Entrada do catálogo { $code }
catalog-version = Versão do catálogo { $version }.
catalog-published = Publicada em { $date }.
catalog-search-label = Código, título ou palavra
catalog-list = Lista
catalog-all-lists = todas as listas
catalog-search = Pesquisar
catalog-entries = { $count ->
    [one] Uma entrada.
   *[other] { $count } entradas.
}
catalog-entries-first = { $count } entradas (as primeiras { $count }).
catalog-code = Código
catalog-title = Título
catalog-set-by-policy = definida pela política
catalog-also-written = Também escrito
catalog-part-of = Faz parte de
catalog-legal-source = Fonte jurídica
catalog-act-version = versão { $version }
catalog-official-text = texto oficial
catalog-hs = Posições SH
catalog-note = Nota
catalog-threshold = Limiar:
catalog-words = Palavras que a reconhecem
catalog-strong = Palavras fortes (decidem a entrada)
catalog-weak = Palavras ambíguas (sozinhas, enviam para verificação)
catalog-context = Palavras de confirmação (só junto a outra correspondência)
catalog-models = Modelos
catalog-calibres = Calibres
catalog-negative = Equivalentes civis que não contam
catalog-all-of = ← Todas as entradas de { $list }
