-- Operations received per collective, applied or refused (twin of ../0003_received.sql).
ALTER TABLE collectives ADD COLUMN received BIGINT NOT NULL DEFAULT 0;

UPDATE collectives
SET received = (SELECT COALESCE(SUM(last_seq), 0) FROM clients WHERE clients.collective_id = collectives.id);
