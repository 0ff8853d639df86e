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
