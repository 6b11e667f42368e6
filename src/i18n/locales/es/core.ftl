# Shared labels: decisions, review statuses and the page shell.
# Every page's own messages live in a file of their own beside this one (one file per page group).

decision-prohibited = Prohibido
decision-military = Lista militar
decision-dual_use = Doble uso
decision-controlled = Controlado (antitortura)
decision-review = Requiere revisión
decision-clear = Sin objeción

review-status-pending = Pendiente de revisor
review-status-on_hold = En espera: pregunta a quien lo cargó
review-status-proposed = Reclasificación propuesta
review-status-approved = Aprobado
review-status-rejected = Rechazado

shell-language = Idioma
shell-change-language = Cambiar idioma
shell-skip-to-content = Ir al contenido
shell-sign-out = Cerrar sesión
