-- Collectives, who may act in them, and the log of their changes.
-- PostgreSQL twin of ../0002_sync.sql: same tables, columns and keys. JSON is
-- kept as TEXT (not JSONB) so that both engines return byte-identical pulls.

CREATE TABLE collectives (
    id          TEXT PRIMARY KEY NOT NULL,  -- the core's collective record id
    name        TEXT NOT NULL,
    version     BIGINT NOT NULL DEFAULT 0,  -- collective version: operations applied
    created_at  TEXT NOT NULL
);

-- A member of a collective: an access level, and the person record they act as.
CREATE TABLE members (
    id             TEXT PRIMARY KEY NOT NULL,
    collective_id  TEXT NOT NULL REFERENCES collectives (id),
    person_id      TEXT,                     -- core Person record (NULL for guests)
    display_name   TEXT NOT NULL,
    access         TEXT NOT NULL CHECK (access IN ('guest', 'member', 'facilitator', 'admin')),
    created_at     TEXT NOT NULL
);

-- A device joined by a member; its token is stored only as a SHA-256 hash.
CREATE TABLE devices (
    id             TEXT PRIMARY KEY NOT NULL, -- the client id its operations carry
    member_id      TEXT NOT NULL REFERENCES members (id),
    collective_id  TEXT NOT NULL REFERENCES collectives (id),
    token_hash     BYTEA NOT NULL UNIQUE,
    created_at     TEXT NOT NULL,
    revoked_at     TEXT
);

-- Each client's (device's, or the server's own) last sequence number received.
CREATE TABLE clients (
    client_id      TEXT PRIMARY KEY NOT NULL,
    collective_id  TEXT NOT NULL REFERENCES collectives (id),
    last_seq       BIGINT NOT NULL
);

CREATE TABLE invites (
    id             TEXT PRIMARY KEY NOT NULL,
    collective_id  TEXT NOT NULL REFERENCES collectives (id),
    token_hash     BYTEA NOT NULL UNIQUE,
    access         TEXT NOT NULL CHECK (access IN ('guest', 'member', 'facilitator', 'admin')),
    expires_at     BIGINT NOT NULL,           -- unix milliseconds
    max_uses       BIGINT NOT NULL,
    uses           BIGINT NOT NULL DEFAULT 0,
    created_by     TEXT,                      -- member id (NULL: created by the server itself)
    created_at     TEXT NOT NULL,
    revoked_at     TEXT
);

-- The log: every applied operation in server order (history, time travel).
CREATE TABLE operations (
    collective_id  TEXT NOT NULL REFERENCES collectives (id),
    version        BIGINT NOT NULL,
    op_id          TEXT NOT NULL,
    client_id      TEXT NOT NULL,
    seq            BIGINT NOT NULL,
    actor          TEXT NOT NULL,             -- JSON core Actor as authorised then
    operation      TEXT NOT NULL,             -- JSON core Operation
    received_at    BIGINT NOT NULL,           -- server unix milliseconds
    PRIMARY KEY (collective_id, version)
);

-- What became of each operation a client sent (applied or refused, with the reason).
CREATE TABLE results (
    client_id      TEXT NOT NULL,
    seq            BIGINT NOT NULL,
    collective_id  TEXT NOT NULL,
    op_id          TEXT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('applied', 'refused')),
    version        BIGINT,                    -- when applied
    refusal        TEXT,                      -- JSON core Refusal when refused
    PRIMARY KEY (client_id, seq)
);

-- Current rows: each record's latest state, with the version that last changed it.
CREATE TABLE records (
    collective_id  TEXT NOT NULL REFERENCES collectives (id),
    id             TEXT NOT NULL,
    kind           TEXT NOT NULL,
    changed_at     BIGINT NOT NULL,
    data           TEXT NOT NULL,             -- JSON core Record
    PRIMARY KEY (collective_id, id)
);
CREATE INDEX records_changed ON records (collective_id, changed_at);

CREATE TABLE conflicts (
    collective_id  TEXT NOT NULL REFERENCES collectives (id),
    id             TEXT NOT NULL,
    at             BIGINT NOT NULL,
    data           TEXT NOT NULL,             -- JSON core Conflict
    PRIMARY KEY (collective_id, id)
);
CREATE INDEX conflicts_at ON conflicts (collective_id, at);
