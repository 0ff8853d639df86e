# People: skills, availability, arrivals and departures.

## Roles and links
people-role-in = { $role } — { $pole }
people-back = ← Everyone

## My availability
people-mine-title = My availability
people-state-on = You are available.
people-state-off = You are taking a break.
people-state-off-until = You are taking a break until { $date }.
people-until = Until (optional)
people-until-future = The return date must be after today.
people-switch = I am taking a break
people-my-roles = My roles during my break
people-no-roles = You hold no role at the moment.
people-cover-held = held
people-cover-by = covered by { $people }
people-cover-at-risk = at risk: nobody else holds it
people-my-page = My page: skills and time available

## Who does what
people-directory-title = Who does what
people-search = Search a skill or a person
people-skills = Skills
people-no-skill = No skill matches.
people-everyone = People
people-no-person = Nobody by that name.
people-worked-title = Who has already worked on…
people-worked-search = Subject (pôle, mission, task, kit)
people-worked-hint = Type a subject: past roles, tasks and kits answer.
people-worked-none = Nobody has worked on this subject yet.
people-trace-role-current = { $role } (current)
people-trace-role-past = { $role } (past)
people-trace-task = Task: { $title }
people-trace-kit = Kit run: { $title }

## A person's page
people-not-found = Person not found
people-on = Available.
people-off = Taking a break.
people-off-until = Taking a break until { $date }.
people-status-paused = Stepped back from the collective for now.
people-status-leaving = Leaving: their roles and tasks are being handed over.
people-status-left = Has left the collective.
people-not-given = not given
people-skills-label = Skills
people-interests-label = Interests
people-hours-label = Time available
people-contact-label = Contact
people-joined-label = Joined
people-tutor-label = Tutor
people-current-roles = Current roles
people-past-roles = Past roles
people-none = None so far.
people-since = since { $date }
people-from-to = from { $from } to { $to }
people-until-date = until { $date }
people-tasks = Tasks taken or done
people-task-taken = in progress
people-task-done = done
people-kits = Kits run
people-edit = Edit my profile
people-skills-input = Skills
people-interests-input = Interests
people-skills-hint = Separate skills and interests with commas.
people-hours-input = Hours per week
people-hours-invalid = Give a number of hours between 0 and 80.
people-contact-input = Contact (seen by members)
people-save = Save
people-cancel = Cancel

## Arrivals
people-arrivals-title = Arrivals
people-arrivals-lede = People who joined in the last { $days } days and their first steps.
people-arrivals-none = Nobody has joined lately.
people-joined-on = Joined on { $date }
people-steps-done = { $done } of { $total } steps
people-step-tutor = Tutor: { $name }
people-step-tutor-missing = No tutor yet
people-step-kit = First kit run
people-step-kit-missing = No kit run yet
people-step-task = First task taken
people-step-task-missing = No task taken yet
people-tutor-for = Tutor of { $name }
people-tutor-name = Name
people-tutor-choose = Choose a tutor.

## Departures
people-departures-title = Departures
people-departures-lede = A departure completes once every role and every task has someone new or has been released.
people-departures-none = No departure in progress.
people-leaving-who = Person leaving
people-leaving-start = Start the departure
people-leaving-start-one = Start their departure
people-leaving-choose = Choose the person leaving.
people-leaving-title = { $name } is leaving
people-leaving-count = { $count ->
    [one] 1 thing still to hand over.
   *[other] { $count } things still to hand over.
  }
people-leaving-clear = Everything is handed over: the departure can complete.
people-leaving-blocked = First hand over or release every role and every task.
people-leaving-complete = Complete the departure
people-leaving-cancel = Cancel the departure
people-successor-for = Who takes over: { $role }
people-successor-choose = Choose who takes the role over, or release it.
people-hand-over = Hand over
people-release-role = Release the role
people-task-line = Task: { $title }
people-release-task = Put the task back in the pool
