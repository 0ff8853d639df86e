# Global search (Ctrl/Cmd+K).

search-open = Search
search-title = Search
search-label = Search the whole collective
search-placeholder = Pôles, people, tasks, kits, places…
search-close = Close
search-filter = Filter by kind
search-results = Results
search-hint = ↑ ↓ to choose, Enter to open, Escape to close.
search-count = { $count ->
    [0] No results
    [one] One result
   *[other] { $count } results
  }
search-empty = No results for “{ $query }”.
search-empty-filtered = No results for the kinds chosen.
search-group-heading = { $name } ({ $count })
search-more = Show { $count ->
    [one] one more result
   *[other] { $count } more results
  }: { $name }
search-archived = archived
search-group-pole = Pôles
search-group-mission = Missions
search-group-person = People
search-group-need = Needs
search-group-offer = Offers of help
search-group-task = Tasks
search-group-meeting = Meetings
search-group-decision = Decisions
search-group-kit = Kits
search-group-place = Places
