-- Grouping and flapping settings of a channel, as the Open API's group and flapping objects (NULL: the defaults).
ALTER TABLE channel ADD COLUMN group_settings TEXT;
ALTER TABLE channel ADD COLUMN flapping_settings TEXT;
-- What a rule-grouped incident's alerts share, and when an alert last joined it (a sliding window counts from it).
ALTER TABLE incident ADD COLUMN dedup_key TEXT NOT NULL DEFAULT '';
ALTER TABLE incident ADD COLUMN last_merge_time INTEGER NOT NULL DEFAULT 0;
UPDATE incident SET last_merge_time = created_at;
