# An officer's home page.

home-title = O meu trabalho
home-questions = { $count ->
    [0] Nenhuma pergunta à sua espera
    [one] Uma pergunta aguarda a sua resposta
   *[other] { $count } perguntas aguardam a sua resposta
}
home-no-questions = Os verificadores não lhe fizeram nenhuma pergunta ainda em aberto.
home-row = Linha { $row }
home-asked-by = feita por { $name }
home-answer = Responder à pergunta
home-blocked = { $count ->
    [0] Nenhuma linha está bloqueada
    [one] Uma linha está bloqueada
   *[other] { $count } linhas estão bloqueadas
}
home-no-blocked = Nenhuma das suas linhas é proibida.
home-blocked-what-to-do = Uma linha proibida nunca é aprovada: retire-a da nota de encomenda e carregue a folha corrigida. Se achar que o controlo está errado (as palavras têm aqui outro sentido), diga-o a um verificador: dois verificadores têm de concordar para baixar a decisão.
home-col-batch = Lote
home-col-row = Linha
home-col-description = Descrição
home-col-review = Verificação
home-my-batches = Os meus lotes
home-no-batches = Ainda não carregou nenhum lote.
home-upload = Carregar uma folha de cálculo
home-col-file = Ficheiro
home-col-project = Projeto
home-col-uploaded = Carregado
home-col-state = Estado
home-col-items = Linhas
home-changes = Decisões alteradas nos últimos { $days } dias
home-no-changes = Nenhuma decisão sobre as suas linhas mudou nesse período.
home-change-rescreened = verificada de novo com o catálogo { $version }:
home-change-reclassified = reclassificada por { $name }:
home-change-decided = decidida por { $name }:
