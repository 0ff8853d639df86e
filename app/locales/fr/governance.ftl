# Tableau de gouvernance : onglets et éléments communs.
gov-tab-roles = Rôles
gov-tab-recruitment = Besoins
gov-tab-tasks = Tâches
gov-tab-people = Personnes
gov-tab-meetings = Réunions
gov-tab-decisions = Décisions
gov-sections = Parties du tableau de gouvernance
gov-guests = La gouvernance du collectif est réservée à ses membres. Demandez une invitation de membre pour la voir.
gov-someone = quelqu’un
gov-unknown-pole = pôle inconnu
gov-hours-per-week = { $hours } h/semaine
gov-choose = — choisir —
gov-choose-person = Choisissez une personne.
gov-choose-pole = Choisissez un pôle.
gov-person = Personne
gov-pole = Pôle
gov-role = Rôle
gov-save = Enregistrer
gov-cancel = Annuler
gov-description = Description
gov-skills = Compétences
gov-skills-hint = Séparées par des virgules, par exemple : accueil, rédaction, vidéo.
gov-skill = Compétence
gov-words = Mots
gov-hours = Heures par semaine
gov-hours-invalid = Le nombre d’heures doit être un nombre entier entre 0 et 80.
gov-since = depuis le { $date }
gov-off = en pause
gov-no-pole = Aucun pôle
gov-no-role = Aucun rôle précis
gov-all-poles = Tous les pôles

# Rôles
gov-roles-title = Rôles requis et vacants
gov-roles-summary = { $incomplete } pôle(s) incomplet(s) sur { $count }, les plus urgents d’abord.
gov-roles-filter = Chercher un pôle
gov-roles-only-incomplete = Seulement les pôles incomplets
gov-missing-people = { $count ->
    [one] 1 personne manque
   *[other] { $count } personnes manquent
  }
gov-roles-at-risk-count = { $count ->
    [one] 1 rôle à risque
   *[other] { $count } rôles à risque
  }
gov-roles-complete = complet
gov-role-held = { $held } sur { $required }
gov-role-missing = { $count ->
    [one] vacant
   *[other] { $count } vacants
  }
gov-role-at-risk = à risque : tenu seulement par des personnes en pause
gov-role-end = Mettre fin
gov-role-end-named = Mettre fin au rôle de { $name }
gov-need-title = { $role } — { $pole }
gov-need-publish = Publier un besoin
gov-need-posted = Besoin publié : voir les propositions
gov-assign-title = Attribuer un rôle
gov-assign = Attribuer
gov-custom-role = Nom du rôle
gov-required-edit = Modifier les rôles requis
gov-required-pole = Rôles requis pour ce pôle
gov-required-collective = Rôles requis par défaut dans le collectif
gov-required-inherit = Revenir aux rôles du collectif

# Besoins et propositions d’aide
gov-needs-title = Besoins ouverts
gov-needs-none = Aucun besoin ouvert pour l’instant.
gov-need-new = Nouveau besoin
gov-need-edit = Modifier
gov-need-cancel = Annuler ce besoin
gov-need-field-title = Intitulé du besoin
gov-need-skills = Compétences recherchées : { $skills }
gov-suggestions = Personnes suggérées
gov-suggestions-none = Personne ne correspond encore : les propositions d’aide et les compétences des profils apparaîtront ici.
gov-match-skills = { $matched } compétence(s) sur { $wanted } ({ $names })
gov-match-offered = a proposé son aide
gov-match-hours-asked = { $hours } h/semaine ({ $needed } demandées)
gov-match-no-hours = disponibilité non précisée
gov-offered-help = proposition d’aide
gov-accept = Accepter
gov-accept-named = Accepter { $name }
gov-accept-confirm = Confirmer et attribuer le rôle
gov-accept-failed = Ce besoin n’est plus ouvert ou cette personne n’est plus disponible.
gov-tutor = Tuteur ou tutrice
gov-no-tutor = Pas de tuteur·trice pour l’instant
gov-offer-title = Proposer mon aide
gov-offer-hint = Dites ce que vous savez faire et le temps que vous avez : on vous proposera les besoins qui vous correspondent.
gov-offer-message = Message (facultatif)
gov-offer-send = Envoyer ma proposition
gov-offer-sent = Proposition enregistrée.
gov-my-offers = Mes propositions d’aide
gov-offer-open = ouverte
gov-offer-matched = acceptée
gov-offer-withdrawn = retirée
gov-offer-withdraw = Retirer
gov-offers-title = Propositions d’aide ouvertes
gov-offers-none = Aucune proposition d’aide ouverte.

# Tâches
gov-tasks-title = Réserve de tâches
gov-tasks-lede = De petites tâches sans échéance, à prendre quand on a un moment.
gov-my-tasks = Mes tâches
gov-my-tasks-none = Vous n’avez pris aucune tâche.
gov-for-you = Pour vous
gov-for-you-none = Rien qui corresponde à vos compétences ou à vos pôles pour l’instant.
gov-for-you-off = Vous êtes en pause : rien ne vous est proposé.
gov-pool = Toutes les tâches ouvertes
gov-pool-filters = Filtrer les tâches
gov-pool-count = { $count ->
    [0] Aucune tâche ne correspond.
    [one] 1 tâche
   *[other] { $count } tâches
  }
gov-time-available = Temps disponible
gov-any-time = Peu importe
gov-i-have = J’ai { $time }
gov-minutes = { $minutes } min
gov-hours-minutes = { $hours } h { $minutes }
gov-task-take = Je la prends
gov-task-release = Je la rends
gov-task-complete = C’est fait
gov-needs-person = Cet appareil n’est lié à aucune personne du collectif.
gov-task-new = Ajouter une tâche
gov-task-field-title = Intitulé de la tâche
gov-task-minutes = Durée estimée (minutes)
gov-minutes-invalid = La durée doit être un nombre entier de minutes.
gov-task-add = Ajouter la tâche
gov-duration-hours = { $hours } h
