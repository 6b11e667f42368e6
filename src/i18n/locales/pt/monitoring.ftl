# The monitoring back office: obligations, deliveries, certificates, serials, inspections, incidents,
# transfers, disposals, waivers and the calendar feed.

mon-title = Acompanhamento
mon-delivery-title = Entrega
mon-nav-label = Páginas do acompanhamento
mon-nav-obligations = Obrigações
mon-nav-deliveries = Entregas
mon-nav-certificates = Certificados
mon-nav-serials = Números de série
mon-nav-incidents = Incidentes
mon-nav-feed = Calendário partilhado

mon-all = todos
mon-show = Mostrar
mon-project = Projeto
mon-country = País
mon-country-optional = País (se não for o país parceiro do projeto)
mon-as-of = Situação em { $date }.
mon-counts-label = Obrigações por estado
mon-chart-label = Obrigações com prazo em cada mês, por estado, seis meses para trás e seis para a frente
mon-chart-caption = Prazos por mês:
mon-by-country = Por país
mon-open-obligations = Obrigações em aberto
mon-nothing-due = Nada está pendente.
mon-due = Prazo
mon-state = Estado
mon-what = O quê
mon-days-late = { $days ->
    [one] 1 dia de atraso
   *[other] { $days } dias de atraso
}
mon-count-found = { $count ->
    [one] 1 resultado
   *[other] { $count } resultados
}
mon-pages = Páginas
mon-page-previous = ← Anterior
mon-page-next = Seguinte →
mon-page-shown = { $first }–{ $last } de { $total }

mon-state-upcoming = Próxima
mon-state-due_soon = Prazo próximo
mon-state-overdue = Em atraso
mon-state-fulfilled = Cumprida
mon-state-waived = Dispensada

mon-obligation-delivery_confirmation = Confirmação de receção da entrega de { $item } ({ $date })
mon-obligation-initial_inventory = Inventário inicial da entrega de { $item } ({ $date })
mon-obligation-periodic_inventory = Inventário periódico da entrega de { $item } ({ $date })
mon-obligation-incident_report = Comunicação de incidente da entrega de { $item } ({ $date })
mon-obligation-transfer_answer = Resposta a um pedido de transferência da entrega de { $item } ({ $date })

mon-profile-none = sem acompanhamento
mon-profile-routine = acompanhamento corrente
mon-profile-enhanced = acompanhamento reforçado

mon-serial-status-in_service = Em serviço
mon-serial-status-lost = Perdido
mon-serial-status-stolen = Roubado
mon-serial-status-transferred = Transferido
mon-serial-status-destroyed = Destruído
mon-serial-status-disposed = Abatido

mon-incident-kind-loss = Perda
mon-incident-kind-theft = Roubo
mon-incident-kind-misuse = Utilização indevida
mon-incident-kind-unsighted = Não visto numa inspeção
mon-incident-kind-damage = Dano

mon-result-sighted = Visto
mon-result-not_sighted = Não visto
mon-result-damaged = Danificado
mon-result-not_in_service = Fora de serviço

mon-inspection-kind-initial = Inventário inicial
mon-inspection-kind-periodic = Inventário periódico
mon-inspection-kind-post_shipment = Verificação após o envio
mon-inspection-kind-spot = Verificação sem aviso

mon-consent-pending = A aguardar resposta
mon-consent-granted = Concedida
mon-consent-refused = Recusada

mon-done-delivery = A entrega foi registada.
mon-done-confirm = A confirmação de receção foi guardada.
mon-done-serials = Os números de série da lista de embalagem foram acrescentados.
mon-done-inspection = A inspeção foi guardada; as datas da última observação dos números de série estão atualizadas.
mon-done-plan = A inspeção foi planeada; consta do calendário partilhado.
mon-done-incident = O incidente foi registado; a sua comunicação passa a ser devida.
mon-done-report = A comunicação do incidente foi guardada.
mon-done-transfer = O pedido de transferência foi registado; a resposta passa a ser devida.
mon-done-answer = A resposta ao pedido de transferência foi guardada.
mon-done-disposal = O abate foi registado.
mon-done-waiver = A obrigação foi dispensada; a justificação consta do registo de auditoria.
mon-done-certificate = O certificado foi registado.

mon-not-saved = Nada foi guardado. Corrija o que está assinalado abaixo.
mon-error-required = Preencha este campo.
mon-error-date = Indique uma data (ano-mês-dia).
mon-error-count = Indique um número inteiro de pelo menos 1.
mon-error-choose = Escolha uma opção.
mon-error-file = Escolha o ficheiro da lista de embalagem.
mon-error-future-date = { $date } é posterior a hoje ({ $today }): registe uma inspeção depois de feita, ou planeie-a abaixo.
mon-error-serial-unknown = O número de série { $serial } não pertence a esta entrega.
mon-error-serial-twice = O número de série { $serial } aparece duas vezes.
mon-error-picked-result = Indique o que se verificou nos números assinalados.
mon-error-justification = Explique em pelo menos 10 caracteres porque a obrigação já não se aplica.
mon-error-hash = Um hash SHA-256 tem 64 caracteres entre 0–9 e a–f.
mon-error-hash-differs = O hash colado não é o da digitalização carregada.
mon-error-not-found = Não encontrado: { $what }.

mon-delivered-meta = entregue em { $date } a { $unit }, { $location }
mon-what-was-delivered = O que foi entregue
mon-item = Artigo
mon-quantity = Quantidade
mon-of-ordered = de { $ordered } encomendados
mon-batch = Lote
mon-certificate = Certificado de utilizador final
mon-no-certificate = Sem certificado
mon-issued-on = emitido em { $date }
mon-confirmed = Receção confirmada
mon-not-confirmed = Receção por confirmar
mon-not-yet = ainda não
mon-keep-until = Conservar os registos até
mon-what-it-owes = Obrigações em aberto
mon-nothing-open = Nada está em aberto.
mon-due-on = prazo em { $date }
mon-serials = Números de série
mon-no-serials = Ainda não há números de série.
mon-serial-table = Mostrar os números de série
mon-serial = Número de série
mon-model = Modelo
mon-status = Estado
mon-last-seen = Visto pela última vez
mon-where = Onde
mon-never = nunca
mon-inspections = Inspeções
mon-none-yet = Nenhuma ainda.
mon-done-on = feita em { $date }
mon-planned-on = planeada para { $date }
mon-record = Registar

mon-record-inspection = Registar uma inspeção
mon-kind = Tipo
mon-done-on-label = Feita em
mon-future-hint = Uma inspeção futura planeia-se, não se regista.
mon-inspector = Inspetor
mon-findings = Constatações
mon-what-was-found = O que se verificou
mon-scan-hint = Leia ou escreva os números de série, um por linha (vírgulas e espaços também os separam). Nada conta como visto se não estiver aqui, assinalado abaixo, ou se não assinalar «todos os outros números em serviço foram vistos».
mon-list-sighted = Vistos
mon-list-not_sighted = Não vistos
mon-list-damaged = Danificados
mon-list-not_in_service = Fora de serviço
mon-all-sighted = Todos os outros números em serviço foram vistos (os perdidos ou roubados não estão incluídos)
mon-pick-serials = Escolher números na lista
mon-pick = Assinalar
mon-missing-hint = dado como desaparecido: indique-o só se tiver sido encontrado
mon-picked-result = Os números assinalados estavam
mon-choose = Escolher…

mon-record-incident = Registar um incidente
mon-what-happened = O que aconteceu
mon-serial-if-one = Número de série (se houver)
mon-discovered-on = Verificado em
mon-description = Descrição
mon-incidents = Incidentes
mon-not-reported = Ainda não comunicado
mon-reported = Comunicado
mon-reported-to = comunicado em { $date } a { $to }
mon-report-incident = Comunicar o incidente
mon-reported-to-label = Comunicado a (autoridade)
mon-reported-on = Comunicado em
mon-report-state = Comunicação

mon-confirm-delivery = Confirmar a receção
mon-confirmed-by = Confirmada por (do lado do destinatário)
mon-confirmed-on = Confirmada em
mon-import-serials = Acrescentar números de série de uma lista de embalagem
mon-import-hint = { $missing ->
    [one] Uma unidade ainda não tem número de série.
   *[other] { $missing } unidades ainda não têm número de série.
} Carregue a lista de embalagem do fornecedor (CSV, XLSX, XLS ou ODS) com uma coluna chamada, por exemplo, «Número de série».
mon-packing-list = Lista de embalagem
mon-plan-inspection = Planear uma inspeção
mon-planned-on-label = Planeada para
mon-record-disposal = Registar um abate
mon-disposed-on = Abatido em
mon-disposal-method = Como (destruição, desmilitarização, devolução…)
mon-witness = Testemunha
mon-destruction-certificate = Referência do certificado de destruição
mon-waive = Dispensar esta obrigação
mon-justification = Porque já não se aplica

mon-request-transfer = Pedir autorização para uma transferência
mon-transfer-serials = Números de série a transferir
mon-held-serials = Números detidos:
mon-transferee = Beneficiário da transferência
mon-reason = Motivo
mon-requested-on = Pedida em
mon-transfers = Pedidos de transferência
mon-transfer-to = para { $to }, { $count ->
    [one] 1 número de série
   *[other] { $count } números de série
}
mon-record-answer = Registar a resposta
mon-answer = Resposta
mon-decided-on = Respondida em
mon-answer-note = Nota (condições, motivos)

mon-deliveries = Entregas
mon-search-items = A descrição do artigo contém
mon-delivered-on = Entregue em
mon-receiving-unit = Unidade recetora
mon-location = Local
mon-record-delivery = Registar uma entrega
mon-approved-item = Artigo aprovado
mon-no-deliverable-items = Nenhum artigo aprovado aguarda entrega nos seus projetos.
mon-serials-now = Números de série (se já forem conhecidos)
mon-serials-now-hint = Um por linha. O acompanhamento reforçado exige o número de série de cada unidade antes do envio; caso contrário, pode acrescentá-los mais tarde a partir da lista de embalagem.

mon-certificates = Certificados de utilizador final
mon-search-certificates = A referência ou o utilizador final contém
mon-reference = Referência
mon-issuer = Autoridade emissora
mon-end-user = Utilizador final
mon-consignee = Consignatário
mon-final-destination = Destino final
mon-end-use = Utilização final
mon-issued-on-label = Emitido em
mon-valid-until = Válido até
mon-no-reexport = Sem reexportação nem transferência sem consentimento prévio por escrito
mon-onsite-checks = O utilizador final aceita verificações no local
mon-signed-copy = O exemplar assinado
mon-scan = Digitalização do exemplar assinado (só se guarda o seu hash SHA-256)
mon-paste-hash = Ou cole o seu hash SHA-256
mon-hash-hint = O hash permite provar mais tarde que uma cópia é a assinada; a digitalização em si não é guardada.
mon-record-certificate = Registar um certificado

mon-search-serials = O número de série contém
mon-custodian = Detentor

mon-feed-intro = As aplicações de calendário podem subscrever, através de uma ligação secreta, as inspeções planeadas e os inventários devidos de um projeto.
mon-feed-make = Criar ou renovar a ligação
mon-feed-replaces = Uma nova ligação substitui a anterior: os calendários que usam a anterior deixam de ser atualizados.
mon-feed-created = A ligação de calendário do projeto { $project } foi criada.
mon-feed-rotated = A ligação de calendário do projeto { $project } foi renovada; a anterior deixou de funcionar.
mon-feed-url = Subscreva este endereço
mon-feed-secret = Guarde-a como uma palavra-passe: quem a tiver pode ler o calendário de inspeções do projeto. Só é mostrada agora.
