# The service's own sentences in words, keyed by their machine codes: a finding's reason and evidence, the
# problems an import records on a row, the import errors that refuse a file, and refusals of a step.

reason-finding = { $decision } ao abrigo de { $entry } ({ $title }).
reason-original = A explicação completa do classificador (em inglês)
reason-evidence-phrase = «{ $text }» ({ $where }) corresponde à expressão do catálogo { $matched }.
reason-evidence-model = «{ $text }» ({ $where }) designa o modelo { $matched }.
reason-evidence-calibre = «{ $text }» ({ $where }) é o calibre { $matched }.
reason-evidence-pattern = «{ $text }» ({ $where }) é { $matched }.
reason-evidence-hs_code = O código SH «{ $text }» pertence à posição { $matched }.
reason-evidence-declared_code = O código de controlo declarado «{ $text }» corresponde a { $matched }.
reason-evidence-measurement = «{ $text }» ({ $where }) é { $matched }.
reason-evidence-threshold_phrase = «{ $text }» ({ $where }) decide o limiar da entrada ({ $matched }).
reason-evidence-arms_maker = «{ $text }» ({ $where }) é o fabricante de armas { $matched }.
reason-evidence-destination = O destino «{ $text }» ({ $where }) está sujeito a medidas restritivas.
reason-evidence-listed_party = «{ $text }» ({ $where }) assemelha-se à parte listada { $matched }.

problem-cell_truncated = A célula tem { $chars } caracteres, mais do que o limite de { $limit }; foi cortada. Encurte o texto.
problem-description_error = A célula da descrição mostra o erro { $error }. Corrija a fórmula ou escreva a descrição para que a linha possa ser verificada.
problem-description_empty = A descrição está vazia, por isso a linha não foi verificada. Cada linha precisa de uma descrição (o valor mostra as outras células da linha).
problem-cell_error = A célula mostra o erro { $error }. Corrija a fórmula ou escreva o valor.
problem-quantity_not_number = A quantidade não é um número. Escreva um número, por exemplo 12.
problem-quantity_not_number_screened = A quantidade não é um número (o seu texto foi verificado). Escreva um número, por exemplo 12.
problem-unit_price_not_number = O preço unitário não é um número. Escreva um número, por exemplo 1 250,50.
problem-unit_price_not_number_screened = O preço unitário não é um número (o seu texto foi verificado). Escreva um número, por exemplo 1 250,50.
problem-quantity_negative = A quantidade é negativa. Escreva o número de unidades encomendadas, por exemplo 12.
problem-no_header_beyond = Um valor além da última coluna com cabeçalho não tem cabeçalho. Foi verificado como texto; dê um cabeçalho à coluna para que seja lido como o que é.
problem-no_header_empty = Um valor sob uma célula de cabeçalho vazia não tem cabeçalho. Foi verificado como texto; dê um cabeçalho à coluna para que seja lido como o que é.
problem-control_character_removed = O carácter de controlo { $character } foi removido desta célula e o artigo verificado sem ele. Verifique a exportação do sistema de origem.

import-error-where-sheet = { $file }, folha «{ $sheet }»
import-error-io = { $where }: não foi possível ler o ficheiro ({ $detail }).
import-error-too_large = { $where }: o ficheiro tem { $size } bytes, acima do limite de { $limit } bytes. Divida-o ou remova as imagens incorporadas e tente de novo.
import-error-unsupported_format = { $where }: este tipo de ficheiro não pode ser lido ({ $detail }). Os formatos lidos são { $formats }.
import-error-encrypted = { $where }: o livro está protegido por palavra-passe. Abra-o, remova a palavra-passe, guarde-o e carregue-o de novo.
import-error-corrupt = { $where }: o ficheiro está danificado e não pode ser lido ({ $detail }). Abra-o na sua folha de cálculo e guarde-o de novo.
import-error-hostile = { $where }: ficheiro recusado por segurança: { $detail } (limite { $limit }). Guarde só a lista de artigos num ficheiro novo e carregue esse.
import-error-no_header = { $where }: nenhuma linha de cabeçalho com uma coluna de descrição nas primeiras { $rows } linhas. Espera-se uma coluna intitulada como: { $expected }. Encontrado: { $found }.
import-error-sheet_not_found = { $where }: não há nenhuma folha chamada «{ $sheet }». As folhas são: { $available }.
import-error-empty = { $where }: o ficheiro não contém dados. Verifique se carregou o ficheiro certo.

refusal-detail = Pormenores do serviço (em inglês): { $detail }
refusal-forbidden = A sua função não permite este passo sobre artigos.
refusal-four_eyes = Quatro olhos: ninguém decide sobre artigos de um lote que carregou ou submeteu.
refusal-prohibited_item = Um artigo proibido nunca é aprovado nem entregue; proponha uma reclassificação se for um falso positivo.
refusal-second_reviewer_required = Um segundo revisor, diferente, tem de confirmar esta reclassificação.
refusal-four_eyes_party = Quatro olhos: carregou, submeteu ou editou os dados deste artigo, por isso outra pessoa decide.
refusal-two_reviewers_required = Este artigo foi classificado como proibido: só é aprovado depois de dois revisores diferentes confirmarem a descida da sua decisão.
refusal-not_uploader = Só quem carregou o lote responde às suas perguntas.
refusal-version_conflict = Alguém alterou este artigo desde que o abriu.
refusal-invalid_state = Este passo não se aplica ao estado atual do artigo.
refusal-already_exists = Este registo já existe.
refusal-unknown_reference = O pedido refere um registo que não existe.
refusal-duplicate = Este valor já está registado.
refusal-too_many_webhooks = Já foi atingido o número máximo de webhooks.
refusal-already_confirmed = A entrega já está confirmada.
refusal-already_decided = O pedido de transferência já teve resposta.
refusal-already_reported = O incidente já está comunicado.
refusal-certificate_not_valid = O certificado de utilizador final não é válido nessa data.
refusal-certificate_required = Este artigo precisa de um certificado de utilizador final do projeto.
refusal-inventory_incomplete = Um inventário completo dá conta de cada número de série em serviço.
refusal-inventory_sample_too_small = O inventário por amostra dá conta de poucos números de série em serviço.
refusal-not_approved = Só artigos aprovados podem ser entregues.
refusal-obligation_closed = A obrigação já está cumprida ou dispensada.
refusal-quantity_exceeds_order = A quantidade excede o que foi encomendado e ainda não entregue.
refusal-serial_gone = Este número de série já não está na posse.
refusal-serial_not_inspectable = Este número de série já não pode ser inspecionado.
refusal-serials_required = O número de série de cada unidade tem de ser registado antes do envio.
