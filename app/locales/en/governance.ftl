# Governance board: tabs and shared pieces.
gov-tab-roles = Roles
gov-tab-recruitment = Needs
gov-tab-tasks = Tasks
gov-tab-people = People
gov-tab-meetings = Meetings
gov-tab-decisions = Decisions
gov-sections = Parts of the governance board
gov-guests = The collective’s governance is for its members. Ask for a member invitation to see it.
gov-someone = someone
gov-unknown-pole = unknown pôle
gov-hours-per-week = { $hours } h/week
gov-choose = — choose —
gov-choose-person = Choose a person.
gov-choose-pole = Choose a pôle.
gov-person = Person
gov-pole = Pôle
gov-role = Role
gov-save = Save
gov-cancel = Cancel
gov-description = Description
gov-skills = Skills
gov-skills-hint = Separated by commas, for example: welcoming, writing, video.
gov-skill = Skill
gov-words = Words
gov-hours = Hours per week
gov-hours-invalid = Hours must be a whole number from 0 to 80.
gov-since = since { $date }
gov-off = on a break
gov-no-pole = No pôle
gov-no-role = No specific role
gov-all-poles = All pôles

# Roles
gov-roles-title = Required and vacant roles
gov-roles-summary = { $incomplete } incomplete pôle(s) out of { $count }, most urgent first.
gov-roles-filter = Find a pôle
gov-roles-only-incomplete = Only incomplete pôles
gov-missing-people = { $count ->
    [one] 1 person missing
   *[other] { $count } people missing
  }
gov-roles-at-risk-count = { $count ->
    [one] 1 role at risk
   *[other] { $count } roles at risk
  }
gov-roles-complete = complete
gov-role-held = { $held } of { $required }
gov-role-missing = { $count ->
    [one] vacant
   *[other] { $count } vacant
  }
gov-role-at-risk = at risk: held only by people on a break
gov-role-end = End
gov-role-end-named = End { $name }’s role
gov-need-title = { $role } — { $pole }
gov-need-publish = Post a need
gov-need-posted = Need posted: see the matches
gov-assign-title = Assign a role
gov-assign = Assign
gov-custom-role = Role name
gov-required-edit = Change the required roles
gov-required-pole = Roles this pôle requires
gov-required-collective = Roles every pôle requires by default
gov-required-inherit = Use the collective’s roles again

# Needs and offers of help
gov-needs-title = Open needs
gov-needs-none = No open needs for now.
gov-need-new = New need
gov-need-edit = Edit
gov-need-cancel = Cancel this need
gov-need-field-title = Title of the need
gov-need-skills = Skills wanted: { $skills }
gov-suggestions = Suggested people
gov-suggestions-none = Nobody matches yet: offers of help and profile skills will show here.
gov-match-skills = { $matched } of { $wanted } skill(s) ({ $names })
gov-match-offered = offered help
gov-match-hours-asked = { $hours } h/week ({ $needed } asked)
gov-match-no-hours = availability not given
gov-offered-help = offer of help
gov-accept = Accept
gov-accept-named = Accept { $name }
gov-accept-confirm = Confirm and assign the role
gov-accept-failed = This need is no longer open or this person is no longer available.
gov-tutor = Tutor
gov-no-tutor = No tutor for now
gov-offer-title = Offer my help
gov-offer-hint = Say what you can do and how much time you have: you will be matched with needs that fit.
gov-offer-message = Message (optional)
gov-offer-send = Send my offer
gov-offer-sent = Offer saved.
gov-my-offers = My offers of help
gov-offer-open = open
gov-offer-matched = accepted
gov-offer-withdrawn = withdrawn
gov-offer-withdraw = Withdraw
gov-offers-title = Open offers of help
gov-offers-none = No open offers of help.

# Tasks
gov-tasks-title = Task pool
gov-tasks-lede = Small tasks without deadlines, to pick up when you have a moment.
gov-my-tasks = My tasks
gov-my-tasks-none = You have not taken any task.
gov-for-you = For you
gov-for-you-none = Nothing matches your skills or pôles for now.
gov-for-you-off = You are on a break: nothing is suggested to you.
gov-pool = All open tasks
gov-pool-filters = Filter the tasks
gov-pool-count = { $count ->
    [0] No task matches.
    [one] 1 task
   *[other] { $count } tasks
  }
gov-time-available = Time available
gov-any-time = Any
gov-i-have = I have { $time }
gov-minutes = { $minutes } min
gov-hours-minutes = { $hours } h { $minutes }
gov-task-take = I’ll take it
gov-task-release = Give it back
gov-task-complete = Done
gov-needs-person = This device is not linked to a person of the collective.
gov-task-new = Add a task
gov-task-field-title = Title of the task
gov-task-minutes = Estimated time (minutes)
gov-minutes-invalid = The time must be a whole number of minutes.
gov-task-add = Add the task
gov-duration-hours = { $hours } h
