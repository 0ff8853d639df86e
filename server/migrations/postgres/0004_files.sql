-- Attachments, stored once per collective under the SHA-256 of their bytes
-- (twin of ../0004_files.sql).
CREATE TABLE files (
    collective_id  TEXT NOT NULL REFERENCES collectives (id),
    hash           TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size           BIGINT NOT NULL,
    bytes          BYTEA NOT NULL,
    uploaded_by    TEXT,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (collective_id, hash)
);
