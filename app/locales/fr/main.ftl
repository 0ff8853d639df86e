# Archipel — interface en français (langue de référence).

app-name = Archipel
app-tagline = Qui fait quoi, comment on décide, comment on fait.
skip-to-content = Aller au contenu
nav-label = Navigation principale

view-cartography = Cartographie
view-governance = Gouvernance
view-kits = Kits
view-territory = Territoire
view-settings = Réglages

network-online = En ligne
network-offline = Hors ligne
network-offline-hint = Vos modifications restent sur cet appareil et partiront au retour du réseau.

coming-title = Ce qui viendra ici
empty-nothing-yet = Rien n’est encore enregistré sur cet appareil.

cartography-lede = La carte interactive du collectif : le centre, les pôles et leurs fonctions, les collectifs partenaires, et les liens entre eux.
cartography-coming-1 = Chaque pôle avec sa raison d’être, ses missions, ses référent·es et ses membres.
cartography-coming-2 = Zoom, déplacement au doigt ou au clavier, recherche d’un pôle ou d’une personne.
cartography-coming-3 = Un mode présentation pour projeter la carte en réunion, mise à jour en direct.
cartography-coming-4 = La carte telle qu’elle était à une date passée, et l’export pour l’impression.

governance-lede = Les rôles et qui les tient, les besoins et les propositions d’aide, les tâches, les réunions et les décisions.
governance-coming-1 = Les rôles requis par pôle et ceux qui sont vacants.
governance-coming-2 = Un annuaire des compétences et des tâches à prendre quand on a du temps.
governance-coming-3 = Des réunions à thème unique, minutées, avec suivi du temps de parole.
governance-coming-4 = Un journal des décisions : comment, quand, et quand les revoir.

kits-lede = Les kits qui transmettent ce qui marche : comment lancer un groupe local, animer une réunion, s’outiller en logiciels libres.
kits-coming-1 = Des kits versionnés, lisibles hors ligne, avec leurs pièces jointes.
kits-coming-2 = Des étapes par phase qui deviennent une liste à cocher partagée.
kits-coming-3 = Les retours de celles et ceux qui les ont utilisés.

territory-lede = La carte des lieux et des alternatives du territoire, relevés sur le terrain pendant les cartoparties.
territory-coming-1 = Ajouter un lieu depuis son téléphone, même sans réseau.
territory-coming-2 = Repérer et fusionner les doublons, signaler un problème.
territory-coming-3 = Exporter en formats ouverts (GeoJSON, CSV) et suivre l’agenda.

settings-lede = Les réglages de cet appareil et du collectif.
settings-language = Langue
settings-language-hint = Le choix est gardé sur cet appareil.
settings-storage = Stockage sur cet appareil
settings-storage-checking = Vérification du stockage local…
settings-storage-ok = Base locale ouverte : { $count ->
    [0] aucun enregistrement
    [one] un enregistrement
   *[other] { $count } enregistrements
  }.
settings-storage-failed = Le stockage local est indisponible : { $reason }
settings-collective = Collectif
settings-collective-none = Cet appareil n’a encore rejoint aucun collectif. Il le fera par un lien d’invitation.
settings-version = Version { $version }

not-found-title = Page introuvable
not-found-text = Cette adresse ne mène à aucune page d’Archipel.
not-found-back = Retour à la cartographie
