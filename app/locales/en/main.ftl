# Archipel — English interface.

app-name = Archipel
app-tagline = Who does what, how we decide, how things are done.
skip-to-content = Skip to content
nav-label = Main navigation

view-cartography = Map
view-governance = Governance
view-kits = Kits
view-territory = Territory
view-settings = Settings

network-online = Online
network-offline = Offline
network-offline-hint = Your changes stay on this device and will be sent when the network is back.

coming-title = What will be here
empty-nothing-yet = Nothing is recorded on this device yet.

cartography-lede = The interactive map of the collective: the centre, the pôles and their functions, partner collectives, and the links between them.
cartography-coming-1 = Each pôle with its purpose, missions, referents and members.
cartography-coming-2 = Zoom and pan by touch or keyboard, search for a pôle or a person.
cartography-coming-3 = A presentation mode to project the map in meetings, updated live.
cartography-coming-4 = The map as it was on a past date, and export for print.

governance-lede = Roles and who holds them, needs and offers of help, tasks, meetings and decisions.
governance-coming-1 = The roles each pôle requires, and which are vacant.
governance-coming-2 = A skills directory, and tasks to pick up when you have time.
governance-coming-3 = Single-theme, time-boxed meetings with speaking-time tracking.
governance-coming-4 = A decisions log: how, when, and when to review them.

kits-lede = Kits that pass on what works: starting a local group, running a meeting, equipping with free software.
kits-coming-1 = Versioned kits, readable offline, with their attachments.
kits-coming-2 = Steps by phase that turn into a shared checklist.
kits-coming-3 = Feedback from the people who used them.

territory-lede = The map of the area's places and alternatives, recorded in the field at mapping parties.
territory-coming-1 = Add a place from your phone, even with no network.
territory-coming-2 = Spot and merge duplicates, report a problem.
territory-coming-3 = Export to open formats (GeoJSON, CSV) and follow the events agenda.

settings-lede = Settings of this device and of the collective.
settings-language = Language
settings-language-hint = Your choice is kept on this device.
settings-storage = Storage on this device
settings-storage-checking = Checking local storage…
settings-storage-ok = Local database open: { $count ->
    [0] no records
    [one] one record
   *[other] { $count } records
  }.
settings-storage-failed = Local storage is unavailable: { $reason }
settings-collective = Collective
settings-collective-none = This device has not joined a collective yet. It will, through an invitation link.
settings-version = Version { $version }

not-found-title = Page not found
not-found-text = This address leads to no page of Archipel.
not-found-back = Back to the map

role-guest = guest
role-member = member
role-facilitator = facilitator
role-admin = administrator

join-title = Join a collective
join-checking = Checking the invitation…
join-invited = You are invited to join “{ $collective }” as { $role }.
join-name-label = Your first name or nickname
join-name-hint = This is how others will see you. No e-mail address needed.
join-submit = Join
join-joining = Joining and downloading the collective… { $count } records received.
join-missing-token = This invitation link is incomplete: ask the person who invited you for the whole link.
join-error-unknown = This invitation link is not valid.
join-error-expired = This invitation has expired: ask for a new one.
join-error-used-up = This invitation has already been used as many times as allowed: ask for a new one.
join-error-revoked = This invitation was withdrawn.
join-error-name = Give a name of 1 to 80 characters, on one line.
join-error-offline = The server cannot be reached. Check the connection and try again.
join-error-other = Joining failed: { $message }

sync-pending = { $count ->
    [one] 1 change waiting to sync
   *[other] { $count } changes waiting to sync
  }
sync-syncing = Syncing…
sync-up-to-date = Up to date
sync-last = Last synced at { $time }
sync-revoked = Access revoked
sync-refused-link = { $count ->
    [one] 1 change not applied
   *[other] { $count } changes not applied
  }
sync-error = Sync failed: trying again soon.

poles-lede = The collective's pôles, from the centre to partner collectives: the text version of the map.
poles-join-hint = Join a collective with an invitation link to see its pôles.
poles-empty = This collective has no pôle yet.
pole-kind-centre = centre
pole-kind-pole = pôle
pole-kind-function = function
pole-kind-partner = partner collective
pole-referents = Referents: { $names }
pole-no-referent = No referent
pole-functions = Functions: { $names }
pole-details = Details of { $name }
pole-rename = Rename
pole-rename-label = New name for { $name }
pole-save = Save
pole-cancel = Cancel
pole-conflict = Changed elsewhere at the same time: “{ $lost }” was replaced by “{ $won }”.
pole-conflict-restore = Put back “{ $lost }”
pole-conflict-keep = Keep “{ $won }”

unsent-title = Changes not applied
unsent-none = All your changes were applied.
unsent-reason = Reason: { $reason }
unsent-redo = Redo
unsent-discard = Discard
unsent-export = Export my unsent changes (JSON)
unsent-revoked = This device's access to the collective was revoked. Your unsent changes stay here: export them to keep them.
op-create = Creation
op-set = Change
op-add = Addition
op-remove = Removal
op-increment = Count
op-move = Move
op-archive = Archiving
op-delete = Deletion
op-resolve_conflict = Conflict resolution
settings-member-of = You are in “{ $collective }” as { $role }, named { $name }.

update-ready = A new version of Archipel is ready.
update-reload = Reload
app-card-title = App
app-storage = Space used on this device: { $used } of { $quota } available.
app-storage-unknown = This browser does not tell how much space it gives the app.
app-persisted = This device's data is protected from automatic deletion.
app-not-persisted = The browser may delete this data when space runs low: install the app to protect it.
app-install = Install the app

map-mode = Display
map-mode-map = Map
map-mode-outline = List
map-tools = Map tools
map-label = Map of the collective. Arrows: move between pôles, Enter: open, Escape: close, + / −: zoom, 0: see everything.
map-roledescription = interactive map
map-more-tools = Tools
map-fit = See all
map-fit-hint = Fit the map to the screen (key 0)
map-zoom-in = Zoom in
map-zoom-out = Zoom out
map-functions = Functions
map-functions-title = The collective's functions
map-function-poles = { $count ->
    [one] 1 pôle
   *[other] { $count } pôles
  }
map-function-uncovered = No one covers it
map-history = History
map-present = Present
map-arrange = Move pôles
map-arrange-hint = Drag a pôle, or Shift + arrows, to place it by hand
map-add-pole = Add a pôle
map-search-label = Find a pôle or a person
map-search-none = No pôle or person by that name.
map-at-risk = roles held only by people who are off: { $roles }
map-vacant = vacant roles: { $roles }

panel-close = Close the panel
panel-edit = Edit
panel-name = Name
panel-kind = Type
panel-colour = Colour
panel-parent = Part of
panel-parent-label = Belongs to
panel-no-parent = None (top level)
panel-purpose = Raisons d'être
panel-purpose-label = Raisons d'être (one per line)
panel-none = Nothing written yet.
panel-missions = Missions
panel-missions-general = The pôle's missions
panel-mission-title = New mission
panel-mission-function = Function (optional)
panel-mission-add = Add the mission
panel-functions = Functions
panel-people = People and roles
panel-since = since { $date }
panel-end-role = End the role: { $what }
panel-assign-person = Person
panel-assign-role = Role
panel-assign = Assign the role
panel-assign-choose = Choose a person.
panel-vacant = Vacant roles
panel-missing = { $role }: { $count ->
    [one] 1 person missing
   *[other] { $count } people missing
  }
panel-at-risk = { $role }: held only by people who are off
panel-need-link = See the need
panel-links = Links
panel-link-to = Link to
panel-link-kind = Kind of link
panel-link-add = Add the link
panel-link-choose = Choose the pôle to link.
panel-kits = Kits
panel-decisions = Decisions
panel-remove = Remove: { $what }
panel-archive = Archive the pôle
panel-archive-confirm = Archive "{ $name }"? It leaves the map but stays in the history.
panel-archive-yes = Archive
panel-create = Create

role-referent = referent
role-facilitator-pole = facilitator
role-welcome = volunteer welcome
role-member-pole = member
role-custom = special role

link-works-with = works with
link-reports-to = reports to
link-partner = partner

timeline-title = Map history
timeline-label = Date shown
timeline-loading = Loading the history…
timeline-failed = The history could not be read: { $reason }
timeline-now = Today
timeline-since = Since that date: { $added } added, { $archived } archived, { $changed } changed.
timeline-close = Back to today

export-paper = Paper size
export-svg = Export as SVG
export-png = Export as PNG
export-failed = The export could not be made.
