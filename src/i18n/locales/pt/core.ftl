# Shared labels: decisions, review statuses and the page shell.
# Every page's own messages live in a file of their own beside this one (one file per page group).

decision-prohibited = Proibido
decision-military = Lista militar
decision-dual_use = Dupla utilização
decision-controlled = Controlado (antitortura)
decision-review = Requer revisão
decision-clear = Sem objeção

review-status-pending = A aguardar revisor
review-status-on_hold = Em espera: pergunta a quem carregou
review-status-proposed = Reclassificação proposta
review-status-approved = Aprovado
review-status-rejected = Rejeitado

shell-language = Idioma
shell-change-language = Mudar de idioma
shell-skip-to-content = Saltar para o conteúdo
shell-sign-out = Terminar sessão
