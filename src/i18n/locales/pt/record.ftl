# Printable decision records of an item and of a batch. Times show "UTC" in the value, never in the label.

record-link-item = Registo imprimível
record-link-batch = Registo imprimível do lote
record-item-title = Registo de decisão: { $item }
record-batch-title = Registo de decisão do lote { $file }
record-back-to-item = ← Voltar ao artigo
record-back-to-batch = ← Voltar ao lote
record-print-hint = Imprima esta página com o comando de impressão do navegador; o menu e os formulários não são impressos.
record-batch-heading = Lote
record-project = Projeto
record-file = Ficheiro
record-uploaded = Carregado
record-uploaded-by = { $when } por { $name }
record-catalogue = Versão do catálogo no carregamento
record-made-label = Registo elaborado
record-description-column = Coluna da descrição
record-reviewed = Último passo de revisão
record-evidence = Provas:
record-screened-with = verificado com a versão { $version } do catálogo.
record-no-findings = Nenhuma entrada do catálogo corresponde a este artigo.
record-col-when = Data e hora
record-col-who = Pessoa
record-col-step = Passo
record-col-justification = Justificação
record-review-caption = Histórico da revisão
record-not-clear = { $count ->
    [one] O artigo com objeção ou por rever
   *[other] Os { $count } artigos com objeção ou por rever
}
record-none-not-clear = Todos os artigos deste lote estão sem objeção.
record-clear = { $count ->
    [one] O artigo sem objeção
   *[other] Os { $count } artigos sem objeção
}
record-clear-caption = Artigos sem objeção, pela ordem da folha
record-batch-steps = Passos sobre todo o lote
record-batch-steps-caption = Passos sobre todo o lote (aprovações em bloco)
