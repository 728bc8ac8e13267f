-- When each integration last received an event (Unix seconds; 0 = never), written once per integration per batch
-- by the shard writer and shown by the web console's integration pages.
ALTER TABLE integration ADD COLUMN last_event_time INTEGER NOT NULL DEFAULT 0;
