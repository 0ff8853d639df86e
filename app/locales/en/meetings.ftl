# Meetings and decisions.
