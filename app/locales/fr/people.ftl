# Personnes : compétences, disponibilité, arrivées et départs.

## Rôles et liens
people-role-in = { $role } — { $pole }
people-back = ← Toutes les personnes

## Ma disponibilité
people-mine-title = Ma disponibilité
people-state-on = Vous êtes disponible.
people-state-off = Vous êtes en pause.
people-state-off-until = Vous êtes en pause jusqu’au { $date }.
people-until = Jusqu’au (facultatif)
people-until-future = La date de retour doit être après aujourd’hui.
people-switch = Je fais une pause
people-my-roles = Mes rôles pendant ma pause
people-no-roles = Vous n’avez pas de rôle en ce moment.
people-cover-held = assuré
people-cover-by = couvert par { $people }
people-cover-at-risk = à risque : personne d’autre ne le tient
people-my-page = Ma page : compétences et temps disponible

## Qui fait quoi
people-directory-title = Qui fait quoi
people-search = Chercher une compétence ou une personne
people-skills = Compétences
people-no-skill = Aucune compétence ne correspond.
people-everyone = Personnes
people-no-person = Aucune personne à ce nom.
people-worked-title = Qui a déjà travaillé sur…
people-worked-search = Sujet (pôle, mission, tâche, kit)
people-worked-hint = Tapez un sujet : les rôles, tâches et kits passés répondent.
people-worked-none = Personne n’a encore travaillé sur ce sujet.
people-trace-role-current = { $role } (en cours)
people-trace-role-past = { $role } (passé)
people-trace-task = Tâche : { $title }
people-trace-kit = Kit lancé : { $title }

## La page d’une personne
people-not-found = Personne introuvable
people-on = Disponible.
people-off = En pause.
people-off-until = En pause jusqu’au { $date }.
people-status-paused = En retrait du collectif pour le moment.
people-status-leaving = Départ en cours : ses rôles et tâches sont à transmettre.
people-status-left = A quitté le collectif.
people-not-given = non renseigné
people-skills-label = Compétences
people-interests-label = Centres d’intérêt
people-hours-label = Temps disponible
people-contact-label = Contact
people-joined-label = Arrivée
people-tutor-label = Tuteur·trice
people-current-roles = Rôles actuels
people-past-roles = Rôles passés
people-none = Aucun pour l’instant.
people-since = depuis le { $date }
people-from-to = du { $from } au { $to }
people-until-date = jusqu’au { $date }
people-tasks = Tâches prises ou faites
people-task-taken = en cours
people-task-done = faite
people-kits = Kits lancés
people-edit = Modifier mon profil
people-skills-input = Compétences
people-interests-input = Centres d’intérêt
people-skills-hint = Séparez les compétences et les centres d’intérêt par des virgules.
people-hours-input = Heures par semaine
people-hours-invalid = Indiquez un nombre d’heures entre 0 et 80.
people-contact-input = Contact (visible des membres)
people-save = Enregistrer
people-cancel = Annuler

## Arrivées
people-arrivals-title = Arrivées
people-arrivals-lede = Les personnes arrivées ces { $days } derniers jours et leurs premiers pas.
people-arrivals-none = Personne n’est arrivé ces derniers temps.
people-joined-on = Arrivée le { $date }
people-steps-done = { $done } étape(s) sur { $total }
people-step-tutor = Tuteur·trice : { $name }
people-step-tutor-missing = Pas encore de tuteur·trice
people-step-kit = Premier kit lancé
people-step-kit-missing = Pas encore de kit lancé
people-step-task = Première tâche prise
people-step-task-missing = Pas encore de tâche prise
people-tutor-for = Tuteur·trice de { $name }
people-tutor-name = Nommer
people-tutor-choose = Choisissez un·e tuteur·trice.

## Départs
people-departures-title = Départs
people-departures-lede = Un départ se termine quand chaque rôle et chaque tâche a trouvé quelqu’un ou a été libéré.
people-departures-none = Aucun départ en cours.
people-leaving-who = Personne qui part
people-leaving-start = Commencer le départ
people-leaving-start-one = Commencer son départ
people-leaving-choose = Choisissez la personne qui part.
people-leaving-title = Départ de { $name }
people-leaving-count = { $count ->
    [one] Encore 1 chose à transmettre.
   *[other] Encore { $count } choses à transmettre.
  }
people-leaving-clear = Tout est transmis : le départ peut se terminer.
people-leaving-blocked = Transmettez ou libérez d’abord chaque rôle et chaque tâche.
people-leaving-complete = Terminer le départ
people-leaving-cancel = Annuler le départ
people-successor-for = Qui reprend : { $role }
people-successor-choose = Choisissez qui reprend le rôle, ou libérez-le.
people-hand-over = Transmettre
people-release-role = Libérer le rôle
people-task-line = Tâche : { $title }
people-release-task = Remettre la tâche dans le pot
