# The service's own sentences in words, keyed by their machine codes: a finding's reason and evidence, the
# problems an import records on a row, the import errors that refuse a file, and refusals of a step.

reason-finding = { $decision } au titre de { $entry } ({ $title }).
reason-original = L'explication complète du classificateur (en anglais)
reason-evidence-phrase = « { $text } » ({ $where }) correspond à l'expression du catalogue { $matched }.
reason-evidence-model = « { $text } » ({ $where }) désigne le modèle { $matched }.
reason-evidence-calibre = « { $text } » ({ $where }) est le calibre { $matched }.
reason-evidence-pattern = « { $text } » ({ $where }) est { $matched }.
reason-evidence-hs_code = Le code SH « { $text } » relève de la position { $matched }.
reason-evidence-declared_code = Le code de contrôle déclaré « { $text } » correspond à { $matched }.
reason-evidence-measurement = « { $text } » ({ $where }) est { $matched }.
reason-evidence-threshold_phrase = « { $text } » ({ $where }) tranche le seuil de l'entrée ({ $matched }).
reason-evidence-arms_maker = « { $text } » ({ $where }) est le fabricant d'armes { $matched }.
reason-evidence-destination = La destination « { $text } » ({ $where }) fait l'objet de mesures restrictives.
reason-evidence-listed_party = « { $text } » ({ $where }) ressemble à la partie listée { $matched }.

problem-cell_truncated = La cellule compte { $chars } caractères, plus que la limite de { $limit } ; elle a été coupée. Raccourcissez le texte.
problem-description_error = La cellule de la désignation affiche l'erreur { $error }. Corrigez la formule ou saisissez la désignation pour que la ligne soit contrôlée.
problem-description_empty = La désignation est vide : la ligne n'a pas été contrôlée. Chaque ligne a besoin d'une désignation (la valeur montre les autres cellules de la ligne).
problem-cell_error = La cellule affiche l'erreur { $error }. Corrigez la formule ou saisissez la valeur.
problem-quantity_not_number = La quantité n'est pas un nombre. Écrivez un nombre, par exemple 12.
problem-quantity_not_number_screened = La quantité n'est pas un nombre (son texte a été contrôlé). Écrivez un nombre, par exemple 12.
problem-unit_price_not_number = Le prix unitaire n'est pas un nombre. Écrivez un nombre, par exemple 1 250,50.
problem-unit_price_not_number_screened = Le prix unitaire n'est pas un nombre (son texte a été contrôlé). Écrivez un nombre, par exemple 1 250,50.
problem-quantity_negative = La quantité est négative. Écrivez le nombre d'unités commandées, par exemple 12.
problem-no_header_beyond = Une valeur au-delà de la dernière colonne à en-tête n'a pas d'en-tête. Elle a été contrôlée comme texte ; donnez un en-tête à la colonne pour qu'elle soit lue pour ce qu'elle est.
problem-no_header_empty = Une valeur sous une cellule d'en-tête vide n'a pas d'en-tête. Elle a été contrôlée comme texte ; donnez un en-tête à la colonne pour qu'elle soit lue pour ce qu'elle est.
problem-control_character_removed = Le caractère de contrôle { $character } a été retiré de cette cellule et l'article contrôlé sans lui. Vérifiez l'export du système source.

import-error-where-sheet = { $file }, feuille « { $sheet } »
import-error-io = { $where } : le fichier n'a pas pu être lu ({ $detail }).
import-error-too_large = { $where } : le fichier fait { $size } octets, au-delà de la limite de { $limit } octets. Scindez-le ou retirez les images incorporées, puis réessayez.
import-error-unsupported_format = { $where } : ce type de fichier ne peut pas être lu ({ $detail }). Les formats lus sont { $formats }.
import-error-encrypted = { $where } : le classeur est protégé par un mot de passe. Ouvrez-le, retirez le mot de passe, enregistrez-le et déposez-le à nouveau.
import-error-corrupt = { $where } : le fichier est endommagé et ne peut pas être lu ({ $detail }). Ouvrez-le dans votre tableur et enregistrez-le à nouveau.
import-error-hostile = { $where } : fichier refusé par sécurité : { $detail } (limite { $limit }). Enregistrez seulement la liste des articles dans un nouveau fichier et déposez celui-ci.
import-error-no_header = { $where } : aucune ligne d'en-tête avec une colonne de désignation dans les { $rows } premières lignes. Une colonne intitulée par exemple : { $expected }. Trouvé : { $found }.
import-error-sheet_not_found = { $where } : aucune feuille ne s'appelle « { $sheet } ». Les feuilles sont : { $available }.
import-error-empty = { $where } : le fichier ne contient aucune donnée. Vérifiez que vous avez déposé le bon fichier.

refusal-detail = Détails du service (en anglais) : { $detail }
refusal-forbidden = Votre rôle ne permet pas cette étape sur les articles.
refusal-four_eyes = Quatre yeux : personne ne décide sur les articles d'un lot qu'il a déposé ou soumis.
refusal-prohibited_item = Un article interdit ne peut jamais être approuvé ni livré ; proposez une reclassification s'il s'agit d'un faux positif.
refusal-second_reviewer_required = Un second examinateur, différent, doit confirmer cette reclassification.
refusal-four_eyes_party = Quatre yeux : vous avez déposé, soumis ou modifié les données de cet article, quelqu'un d'autre en décide donc.
refusal-two_reviewers_required = Cet article a été classé interdit : il n'est approuvé qu'après que deux examinateurs différents ont confirmé l'abaissement de sa décision.
refusal-not_uploader = Seule la personne qui a déposé le lot répond à ses questions.
refusal-version_conflict = Quelqu'un a modifié cet article depuis que vous l'avez ouvert.
refusal-invalid_state = Cette étape ne s'applique pas à l'article dans son état actuel.
refusal-already_exists = Cet enregistrement existe déjà.
refusal-unknown_reference = La demande désigne un enregistrement qui n'existe pas.
refusal-duplicate = Cette valeur est déjà enregistrée.
refusal-too_many_webhooks = Le nombre maximal de webhooks est déjà atteint.
refusal-already_confirmed = La livraison est déjà confirmée.
refusal-already_decided = La demande de transfert a déjà reçu une réponse.
refusal-already_reported = L'incident est déjà signalé.
refusal-certificate_not_valid = Le certificat d'utilisateur final n'est pas valide à cette date.
refusal-certificate_required = Cet article exige un certificat d'utilisateur final du projet.
refusal-inventory_incomplete = Un inventaire complet rend compte de chaque numéro de série en service.
refusal-inventory_sample_too_small = L'inventaire par échantillon rend compte de trop peu de numéros de série en service.
refusal-not_approved = Seuls les articles approuvés peuvent être livrés.
refusal-obligation_closed = L'obligation est déjà remplie ou levée.
refusal-quantity_exceeds_order = La quantité dépasse ce qui a été commandé et pas encore livré.
refusal-serial_gone = Ce numéro de série n'est plus détenu.
refusal-serial_not_inspectable = Ce numéro de série ne peut plus être inspecté.
refusal-serials_required = Le numéro de série de chaque unité doit être saisi avant l'expédition.
