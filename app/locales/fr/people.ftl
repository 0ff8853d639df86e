# Personnes : compétences, disponibilité, arrivées et départs.
