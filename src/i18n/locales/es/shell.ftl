# The page shell: navigation, roles, the language switcher.

shell-nav-label = Navegación principal
shell-nav-home = Mi trabajo
shell-nav-upload = Cargar
shell-nav-batches = Lotes
shell-nav-review = Revisión
shell-nav-monitoring = Seguimiento
shell-nav-catalog = Catálogo
shell-nav-admin = Administración
role-officer = responsable de compras
role-reviewer = revisor de cumplimiento
role-monitor = seguimiento
role-admin = administrador
role-erp = sistema ERP
summary-bar-label = Proporción de líneas por decisión
