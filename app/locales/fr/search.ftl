# Recherche globale (Ctrl/Cmd+K).

search-open = Rechercher
search-title = Recherche
search-label = Rechercher dans tout le collectif
search-placeholder = Pôles, personnes, tâches, kits, lieux…
search-close = Fermer
search-filter = Filtrer par type
search-results = Résultats
search-hint = ↑ ↓ pour choisir, Entrée pour ouvrir, Échap pour fermer.
search-count = { $count ->
    [0] Aucun résultat
    [one] Un résultat
   *[other] { $count } résultats
  }
search-empty = Aucun résultat pour « { $query } ».
search-empty-filtered = Aucun résultat pour les types choisis.
search-group-heading = { $name } ({ $count })
search-more = Voir { $count ->
    [one] un autre résultat
   *[other] les { $count } autres résultats
  } : { $name }
search-archived = archivé
search-group-pole = Pôles
search-group-mission = Missions
search-group-person = Personnes
search-group-need = Besoins
search-group-offer = Propositions d’aide
search-group-task = Tâches
search-group-meeting = Réunions
search-group-decision = Décisions
search-group-kit = Kits
search-group-place = Lieux
