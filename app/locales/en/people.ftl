# People: skills, availability, arrivals and departures.
