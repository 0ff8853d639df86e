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
