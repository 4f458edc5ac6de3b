-- When OUR copy of a raw record last changed, for the OAI-PMH provider's datestamps and selective harvesting.
--
-- The source's datestamp cannot serve: a record harvested today may carry a datestamp from last year, and a
-- harvester of our provider that asked for from=yesterday would never see it. changed_at is set when a row is
-- inserted and moved only when the payload, the format or the deleted flag actually change (RecordStore's
-- upsert), so re-harvesting an unchanged record does not make every downstream harvester fetch it again.
ALTER TABLE raw_record ADD COLUMN changed_at TIMESTAMP WITH TIME ZONE;
UPDATE raw_record SET changed_at = harvested_at;
ALTER TABLE raw_record ALTER COLUMN changed_at SET NOT NULL;

-- Keyset paging of the provider's lists: ORDER BY changed_at, source_id, record_id.
CREATE INDEX ix_raw_record_changed ON raw_record (changed_at, source_id, record_id);

-- Whether a raw record's latest harvest was rejected (crosswalk or index), so it is not published.
CREATE INDEX ix_reject_record ON reject (source_id, record_id, created_at);
