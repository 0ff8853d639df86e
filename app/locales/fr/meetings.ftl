# Réunions et décisions.
