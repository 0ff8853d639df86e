-- Attachments (kits' PDF guides, posters, photos), stored once per collective
-- under the SHA-256 of their bytes: uploading the same file again stores nothing.
CREATE TABLE files (
    collective_id  TEXT NOT NULL REFERENCES collectives (id),
    hash           TEXT NOT NULL,             -- SHA-256 of the bytes, 64 lower-case hex digits
    content_type   TEXT NOT NULL,             -- as recognised from the bytes (core files::sniff)
    size           INTEGER NOT NULL,
    bytes          BLOB NOT NULL,
    uploaded_by    TEXT,                      -- member id of the first upload
    created_at     TEXT NOT NULL,
    PRIMARY KEY (collective_id, hash)
) STRICT;
