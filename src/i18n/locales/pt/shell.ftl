# The page shell: navigation, roles, the language switcher.

shell-nav-label = Navegação principal
shell-nav-home = O meu trabalho
shell-nav-upload = Carregar
shell-nav-batches = Lotes
shell-nav-review = Verificação
shell-nav-monitoring = Acompanhamento
shell-nav-catalog = Catálogo
shell-nav-admin = Administração
role-officer = responsável de aquisições
role-reviewer = verificador de conformidade
role-monitor = acompanhamento
role-admin = administrador
role-erp = sistema ERP
summary-bar-label = Proporção das linhas por decisão
