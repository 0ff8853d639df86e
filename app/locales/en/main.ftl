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
