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

cartography-lede = La carte interactive du collectif : le centre, les pôles et leurs fonctions, les collectifs partenaires, et les liens entre eux.
cartography-coming-1 = Chaque pôle avec sa raison d’être, ses missions, ses référent·es et ses membres.
cartography-coming-2 = Zoom, déplacement au doigt ou au clavier, recherche d’un pôle ou d’une personne.
cartography-coming-3 = Un mode présentation pour projeter la carte en réunion, mise à jour en direct.
cartography-coming-4 = La carte telle qu’elle était à une date passée, et l’export pour l’impression.

governance-lede = Les rôles et qui les tient, les besoins et les propositions d’aide, les tâches, les réunions et les décisions.
governance-coming-1 = Les rôles requis par pôle et ceux qui sont vacants.
governance-coming-2 = Un annuaire des compétences et des tâches à prendre quand on a du temps.
governance-coming-3 = Des réunions à thème unique, minutées, avec suivi du temps de parole.
governance-coming-4 = Un journal des décisions : comment, quand, et quand les revoir.

kits-lede = Les kits qui transmettent ce qui marche : comment lancer un groupe local, animer une réunion, s’outiller en logiciels libres.
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
settings-storage-ok = Base locale ouverte : { $count ->
    [0] aucun enregistrement
    [one] un enregistrement
   *[other] { $count } enregistrements
  }.
settings-storage-failed = Le stockage local est indisponible : { $reason }
settings-collective = Collectif
settings-collective-none = Cet appareil n’a encore rejoint aucun collectif. Il le fera par un lien d’invitation.
settings-version = Version { $version }

not-found-title = Page introuvable
not-found-text = Cette adresse ne mène à aucune page d’Archipel.
not-found-back = Retour à la cartographie

role-guest = invité·e
role-member = membre
role-facilitator = facilitateur·trice
role-admin = administrateur·trice

join-title = Rejoindre un collectif
join-checking = Vérification de l’invitation…
join-invited = Vous êtes invité·e à rejoindre « { $collective } » en tant que { $role }.
join-name-label = Votre prénom ou pseudonyme
join-name-hint = C’est ainsi que les autres vous verront. Pas besoin d’adresse e-mail.
join-submit = Rejoindre
join-joining = Connexion et téléchargement du collectif… { $count } éléments reçus.
join-missing-token = Ce lien d’invitation est incomplet : demandez le lien entier à la personne qui vous invite.
join-error-unknown = Ce lien d’invitation n’est pas valable.
join-error-expired = Cette invitation a expiré : demandez-en une nouvelle.
join-error-used-up = Cette invitation a déjà servi autant de fois que prévu : demandez-en une nouvelle.
join-error-revoked = Cette invitation a été retirée.
join-error-name = Donnez un nom de 1 à 80 caractères, sur une ligne.
join-error-offline = Le serveur est injoignable. Vérifiez la connexion puis réessayez.
join-error-other = L’inscription a échoué : { $message }

sync-pending = { $count ->
    [one] 1 modification en attente
   *[other] { $count } modifications en attente
  }
sync-syncing = Synchronisation…
sync-up-to-date = À jour
sync-last = Dernière synchronisation à { $time }
sync-revoked = Accès révoqué
sync-refused-link = { $count ->
    [one] 1 modification non appliquée
   *[other] { $count } modifications non appliquées
  }
sync-error = Synchronisation en échec : nouvel essai bientôt.

poles-lede = Les pôles du collectif, du centre aux collectifs partenaires : la version textuelle de la carte.
poles-join-hint = Rejoignez un collectif avec un lien d’invitation pour voir ses pôles.
poles-empty = Ce collectif n’a encore aucun pôle.
pole-kind-centre = centre
pole-kind-pole = pôle
pole-kind-function = fonction
pole-kind-partner = collectif partenaire
pole-referents = Référent·es : { $names }
pole-no-referent = Aucun·e référent·e
pole-functions = Fonctions : { $names }
pole-details = Détails de { $name }
pole-rename = Renommer
pole-rename-label = Nouveau nom de { $name }
pole-save = Enregistrer
pole-cancel = Annuler
pole-conflict = Modifié en même temps ailleurs : « { $lost } » a été remplacé par « { $won } ».
pole-conflict-restore = Remettre « { $lost } »
pole-conflict-keep = Garder « { $won } »

unsent-title = Modifications non appliquées
unsent-none = Toutes vos modifications ont été appliquées.
unsent-reason = Raison : { $reason }
unsent-redo = Refaire
unsent-discard = Abandonner
unsent-export = Exporter mes modifications non envoyées (JSON)
unsent-revoked = L’accès de cet appareil au collectif a été révoqué. Vos modifications non envoyées restent ici : exportez-les pour les garder.
op-create = Création
op-set = Modification
op-add = Ajout
op-remove = Retrait
op-increment = Comptage
op-move = Déplacement
op-archive = Archivage
op-delete = Suppression
op-resolve_conflict = Résolution de conflit
settings-member-of = Vous êtes dans « { $collective } » en tant que { $role }, sous le nom { $name }.

update-ready = Une nouvelle version d’Archipel est prête.
update-reload = Recharger
app-card-title = Application
app-storage = Espace utilisé sur cet appareil : { $used } sur { $quota } disponibles.
app-storage-unknown = Ce navigateur ne dit pas combien d’espace il accorde à l’application.
app-persisted = Les données de cet appareil sont protégées contre l’effacement automatique.
app-not-persisted = Le navigateur peut effacer ces données s’il manque de place : installez l’application pour les protéger.
app-install = Installer l’application

map-mode = Affichage
map-mode-map = Carte
map-mode-outline = Liste
map-tools = Outils de la carte
map-label = Carte du collectif. Flèches : passer d’un pôle à l’autre, Entrée : ouvrir, Échap : fermer, + / − : zoom, 0 : tout voir.
map-roledescription = carte interactive
map-more-tools = Outils
map-fit = Tout voir
map-fit-hint = Ajuster la carte à l’écran (touche 0)
map-zoom-in = Zoomer
map-zoom-out = Dézoomer
map-functions = Fonctions
map-functions-title = Les fonctions du collectif
map-function-poles = { $count ->
    [one] 1 pôle
   *[other] { $count } pôles
  }
map-function-uncovered = Personne ne la couvre
map-history = Historique
map-present = Présenter
map-arrange = Déplacer les pôles
map-arrange-hint = Glisser un pôle, ou Maj + flèches, pour le placer à la main
map-add-pole = Ajouter un pôle
map-search-label = Chercher un pôle ou une personne
map-search-none = Aucun pôle ni aucune personne à ce nom.
map-at-risk = rôles tenus seulement par des personnes en pause : { $roles }
map-vacant = rôles vacants : { $roles }

panel-close = Fermer le panneau
panel-edit = Modifier
panel-name = Nom
panel-kind = Type
panel-colour = Couleur
panel-parent = Fait partie de
panel-parent-label = Rattaché à
panel-no-parent = Aucun (au premier niveau)
panel-purpose = Raisons d’être
panel-purpose-label = Raisons d’être (une par ligne)
panel-none = Rien d’écrit pour l’instant.
panel-missions = Missions
panel-missions-general = Missions du pôle
panel-mission-title = Nouvelle mission
panel-mission-function = Fonction (facultatif)
panel-mission-add = Ajouter la mission
panel-functions = Fonctions
panel-people = Personnes et rôles
panel-since = depuis le { $date }
panel-end-role = Mettre fin au rôle : { $what }
panel-assign-person = Personne
panel-assign-role = Rôle
panel-assign = Attribuer le rôle
panel-assign-choose = Choisissez une personne.
panel-vacant = Rôles vacants
panel-missing = { $role } : { $count ->
    [one] 1 personne manque
   *[other] { $count } personnes manquent
  }
panel-at-risk = { $role } : tenu seulement par des personnes en pause
panel-need-link = Voir le besoin
panel-links = Liens
panel-link-to = Lier à
panel-link-kind = Nature du lien
panel-link-add = Ajouter le lien
panel-link-choose = Choisissez le pôle à lier.
panel-kits = Kits
panel-decisions = Décisions
panel-remove = Retirer : { $what }
panel-archive = Archiver le pôle
panel-archive-confirm = Archiver «  { $name } » ? Il disparaît de la carte mais reste dans l’historique.
panel-archive-yes = Archiver
panel-create = Créer

role-referent = référent·e
role-facilitator-pole = facilitateur·trice
role-welcome = accueil des bénévoles
role-member-pole = membre
role-custom = rôle particulier

link-works-with = travaille avec
link-reports-to = rend compte à
link-partner = partenaire

timeline-title = Historique de la carte
timeline-label = Date affichée
timeline-loading = Chargement de l’historique…
timeline-failed = L’historique n’a pas pu être lu : { $reason }
timeline-now = Aujourd’hui
timeline-since = Depuis cette date : { $added } ajouté(s), { $archived } archivé(s), { $changed } modifié(s).
timeline-close = Revenir à aujourd’hui

export-paper = Format du papier
export-svg = Exporter en SVG
export-png = Exporter en PNG
export-failed = L’export n’a pas pu être créé.
