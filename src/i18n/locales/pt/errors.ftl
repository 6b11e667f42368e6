# Error pages.

error-status = Código { $status }.
error-back-to-start = Voltar à página inicial
error-title-400 = Pedido incorreto
error-title-401 = Sessão não iniciada
error-title-403 = Acesso recusado
error-title-404 = Não encontrado
error-title-405 = Método não permitido
error-title-409 = Conflito
error-title-413 = Demasiado grande
error-title-415 = Tipo de ficheiro não suportado
error-title-422 = Não aceite
error-title-429 = Demasiados pedidos
error-title-500 = Erro interno
error-title-503 = Indisponível
error-title-other = Erro
error-forbidden = A sua função não permite esta ação.
error-forgery = Este formulário está desatualizado ou não foi enviado a partir deste site; recarregue a página e tente novamente.
error-not-found = Esta página não existe, ou o que mostra não pertence aos seus projetos.
error-not-found-batch = Lote não encontrado.
error-not-found-item = Linha não encontrada.
error-not-found-catalogue-entry = Entrada do catálogo não encontrada.
error-internal = Algo correu mal do nosso lado. Ficou registado; tente novamente dentro de momentos.
error-invalid-fields = Alguns campos não foram aceites.
