-- Operations received per collective, applied or refused. A refusal moves a
-- client's sequence without changing the version; a process that shares the
-- database compares this counter with its memory to know it must catch up.
ALTER TABLE collectives ADD COLUMN received INTEGER NOT NULL DEFAULT 0;

-- Every received operation advanced exactly one client's sequence by one.
UPDATE collectives
SET received = (SELECT COALESCE(SUM(last_seq), 0) FROM clients WHERE clients.collective_id = collectives.id);
