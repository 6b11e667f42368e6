# Batches: the list, one batch's verdict and items, how its file was read, the upload page.

batches-title = Lotes
batches-none = Ainda não há lotes nos seus projetos.
batches-col-by = Por
batches-col-attention = Requer atenção
batch-state-open = Aberto: em verificação
batch-state-blocked = Bloqueado
batch-state-cleared = Aprovado
batch-state-partially_cleared = Aprovado em parte
verdict-open = Aberto: há linhas à espera de um verificador
verdict-blocked = Bloqueado: a encomenda contém linhas proibidas
verdict-cleared = Aprovado: todas as linhas estão aprovadas
verdict-partially_cleared = Aprovado em parte: todas as linhas estão decididas, algumas foram recusadas
verdict-empty = A folha tinha cabeçalho mas nenhuma linha: nada foi verificado. Confirme que as linhas estão por baixo do cabeçalho na folha, ou carregue o ficheiro certo.
verdict-count-blocked = { $count ->
    [one] Uma linha é proibida
   *[other] { $n } linhas são proibidas
}
verdict-blocked-what = Retire-as da encomenda: uma linha proibida nunca é aprovada.
verdict-count-licence = { $count ->
    [one] Uma linha precisa de uma licença de exportação ou transferência (lista militar, dupla utilização ou bens controlados).
   *[other] { $n } linhas precisam de uma licença de exportação ou transferência (lista militar, dupla utilização ou bens controlados).
}
verdict-count-awaiting = { $count ->
    [0] Nenhuma linha está à espera de um verificador.
    [one] Uma linha está à espera de um verificador.
   *[other] { $n } linhas estão à espera de um verificador.
}
verdict-count-questions = { $count ->
    [one] Uma pergunta a quem carregou o ficheiro aguarda resposta
   *[other] { $n } perguntas a quem carregou o ficheiro aguardam resposta
}
verdict-count-clear = { $count ->
    [0] Nenhuma linha está sem objeções.
    [one] Uma linha está sem objeções.
   *[other] { $n } linhas estão sem objeções.
}
batch-meta = Projeto { $project } · carregado por { $name } em { $when } · catálogo { $catalogue }
batch-already-uploaded = Este ficheiro já foi carregado em { $when } como o lote «{ $file }» por { $name }: nada de novo foi importado, eis esse lote.
batch-by-decision = { $count ->
    [one] Uma linha por decisão
   *[other] { $n } linhas por decisão
}
batch-import-problems = problemas de importação
batch-download = Descarregar:
batch-download-xlsx = decisões (XLSX)
batch-download-csv = decisões (CSV)
batch-download-screening = relatório de verificação (CSV)
batch-approved = { $count ->
    [one] Aprovada uma linha sem objeções.
   *[other] Aprovadas { $count } linhas sem objeções.
}
batch-skipped = Ficaram de fora { $count } linhas sem objeções: cada uma foi antes classificada como proibida (aprove-a sozinha quando dois verificadores a tiverem baixado) ou foi alterada por si (decide outro verificador). O histórico da linha indica qual.
batch-items-shown = { $count ->
    [one] Mostra-se uma linha.
   *[other] Mostram-se { $n } linhas.
}
batch-lines = { $count ->
    [one] uma linha
   *[other] { $count } linhas
}
batch-lines-at-least = pelo menos { $lines }
batch-notices-title = Destino e destinatários
batch-notices-measures = O destino está sujeito a medidas restritivas:
batch-notices-parties = Há linhas que nomeiam uma parte que pode constar de uma lista de sanções:
filter-decision = Decisão
filter-all = todas
filter-review = Verificação
filter-any = qualquer
filter-sort = Ordem
sort-severity = As mais graves primeiro
sort-row = Ordem da folha
filter-search = Pesquisar nas descrições
filter-submit = Filtrar
filter-show-all = Mostrar tudo
pager-label = Páginas
pager-previous = ← Anterior
pager-next = Seguinte →
pager-range = { $first }–{ $last } de { $total }
layout-title = Como o ficheiro foi lido
layout-intro = Cada coluna de cada folha: lida como campo, verificada como texto, ou não verificada e porquê.
layout-sheet = Folha { $sheet }
layout-the-file = O ficheiro
layout-sheet-summary = cabeçalho na linha { $header }, { $count ->
    [one] uma linha
   *[other] { $count } linhas
}
layout-hidden = (folha oculta)
layout-col-column = Coluna
layout-col-header = Cabeçalho
layout-col-read-as = Lida como
layout-col-done = Tratamento
layout-col-cells = Células
layout-skipped = Folhas não lidas
problems-title = { $count ->
    [one] Um problema de importação
   *[other] { $count } problemas de importação
}
problems-intro = A linha é verificada na mesma; confira estas células na folha de cálculo.
problems-col-value = Valor
problems-col-problem = Problema
upload-title = Carregar uma folha de cálculo
upload-no-project = A sua conta não dá acesso a nenhum projeto. Peça a um administrador que acrescente um.
upload-project = Projeto
upload-file = Folha de cálculo
upload-drop = Arraste a folha de cálculo para aqui, ou escolha-a:
upload-hint = XLSX, XLSM, XLSB, XLS, ODS ou CSV, até { $mib } MiB. Cada linha é importada, classificada e guardada com a sua evidência.
upload-submit = Carregar e verificar
upload-recent = Lotes recentes
upload-js-ready = Pronto:
upload-js-uploading = A carregar
upload-js-checking = Carregado. A verificar cada linha face às listas de controlo…
upload-js-not-stored = Não guardado:
upload-js-unreachable = O carregamento falhou: não foi possível contactar o servidor.
