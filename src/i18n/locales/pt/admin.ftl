# Páginas de administração: contas, projetos, registo de auditoria.

admin-nav-label = Administração
admin-nav-users = Utilizadores
admin-nav-projects = Projetos
admin-nav-audit = Registo de auditoria

admin-role-officer = Responsável de compras
admin-role-reviewer = Revisor de conformidade
admin-role-monitor = Responsável de acompanhamento
admin-role-admin = Administrador
admin-role-erp = Conta de serviço ERP

admin-users-title = Utilizadores
admin-user-title = Utilizador { $name }
admin-user-name = Nome
admin-user-role = Função
admin-user-projects = Projetos
admin-user-status = Estado
admin-user-created = Criado
admin-status-active = Ativo
admin-status-disabled-since = Desativado desde { $when }
admin-user-create = Criar uma conta
admin-user-create-submit = Criar a conta
admin-user-no-projects = Ainda não existe nenhum projeto: escreva o primeiro abaixo.
admin-user-new-projects = Outros projetos
admin-user-new-projects-hint = Identificadores de projeto separados por vírgulas; os projetos que ainda não existem são criados.
admin-user-password = Palavra-passe
admin-user-password-hint = Pelo menos { $min } caracteres. Deixe em branco para gerar uma, mostrada uma única vez.
admin-user-history = Histórico desta conta no registo de auditoria
admin-user-access = Função e projetos
admin-user-access-submit = Guardar função e projetos
admin-sessions-end-hint = Ao guardar, as sessões abertas desta pessoa terminam: volta a iniciar sessão com o novo acesso.
admin-user-reset-password = Redefinir a palavra-passe
admin-user-reset-password-submit = Redefinir a palavra-passe
admin-user-disable = Desativar a conta
admin-user-disable-hint = Uma conta desativada não pode iniciar sessão; as suas sessões terminam de imediato. Os seus registos permanecem no registo de auditoria.
admin-user-enable = Reativar a conta
admin-password-generated = Nova palavra-passe (mostrada apenas esta vez):
admin-password-generated-hint = Entregue-a pessoalmente ou por um canal separado. Não é guardada em forma legível e não pode voltar a ser mostrada.

admin-done-created = A conta foi criada.
admin-done-access = Função e projetos guardados; as sessões da conta foram terminadas.
admin-done-disabled = A conta foi desativada e as suas sessões foram terminadas.
admin-done-enabled = A conta foi reativada.
admin-done-password = A palavra-passe foi redefinida e as sessões da conta foram terminadas.
admin-done-project = O projeto foi guardado.

admin-error-no-such-user = Não existe nenhuma conta chamada «{ $value }».
admin-error-name-taken = Já existe uma conta chamada «{ $value }». Escolha outro nome.
admin-error-invalid-name = O nome deve ter de 1 a 100 caracteres, sem espaços no início nem no fim.
admin-error-invalid-project = Projeto «{ $value }»: use de 1 a 64 letras, algarismos, «-», «_» ou «.».
admin-error-invalid-project-name = O nome do projeto deve ter de 1 a 200 caracteres.
admin-error-short-password = A palavra-passe deve ter pelo menos { $min } caracteres.
admin-error-disable-self = Não pode desativar a sua própria conta. Peça a outro administrador.
admin-error-last-admin = Não ficaria nenhum administrador ativo. Torne primeiro outra conta administradora.
admin-error-project-exists = O projeto «{ $value }» já existe: abra-o a partir da lista para o alterar.

admin-projects-title = Projetos
admin-projects-none = Ainda não há projetos.
admin-project-title = Projeto { $id }
admin-project-id = Projeto
admin-project-id-hint = Um identificador curto usado em ligações e tokens: letras, algarismos, «-», «_» ou «.»; não pode ser alterado depois.
admin-project-name = Nome
admin-project-partner-country = País parceiro
admin-project-recipient = Força ou organismo beneficiário
admin-project-funding-line = Linha de financiamento
admin-project-create = Criar um projeto
admin-project-create-submit = Criar o projeto
admin-project-describe = Descrição
admin-project-save = Guardar o projeto
admin-project-history = Histórico deste projeto no registo de auditoria

admin-audit-title = Registo de auditoria
admin-audit-chain-intact = A cadeia de auditoria está intacta
admin-audit-chain-broken = A cadeia de auditoria está quebrada
admin-audit-chain-records = { $count ->
    [one] Um registo verificado: tem o seu próprio hash e liga-se ao anterior.
   *[other] { $count } registos verificados: cada um tem o seu próprio hash e liga-se ao anterior.
}
admin-audit-chain-head = Anote o último registo para detetar mais tarde qualquer supressão:
admin-audit-break-altered = O registo { $seq } foi alterado: o seu conteúdo não corresponde ao seu hash.
admin-audit-break-removed = Os registos { $from } a { $to } foram suprimidos.
admin-audit-break-relinked = O registo { $seq } não se segue ao registo { $previous }: foi inserido um registo, ou o registo { $previous } foi alterado e o seu hash recalculado.
admin-audit-break-out-of-order = O registo { $seq } está fora de ordem (esperado { $expected }): foi inserido um registo.
admin-audit-break-anchor = O registo { $seq } já não tem o hash anotado antes: o fim da cadeia foi suprimido ou reescrito.
admin-audit-filters = Filtrar os registos
admin-audit-actor = Quem
admin-audit-action = Ação
admin-audit-entity-type = Tipo de objeto
admin-audit-entity-id = Identificador do objeto
admin-audit-outcome = Resultado
admin-audit-outcome-any = Todos
admin-audit-outcome-done = Efetuado
admin-audit-outcome-refused = Recusado
admin-audit-from = De
admin-audit-until = Até
admin-audit-apply = Mostrar
admin-audit-count = { $count ->
    [0] Nenhum registo corresponde.
    [one] Um registo corresponde.
   *[other] { $count } registos correspondem, do mais recente para o mais antigo.
}
admin-audit-when = Data
admin-audit-entity = Objeto
admin-audit-details = Motivo e alterações
admin-audit-states = Antes e depois
admin-audit-before = Antes
admin-audit-after = Depois
admin-pages = Páginas
admin-previous = ← Anterior
admin-next = Seguinte →
admin-page-range = { $first }–{ $last } de { $total }
