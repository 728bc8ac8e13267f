-- People's actions on incidents: the notes a resolve leaves, snoozes, and the timeline of what happened.
ALTER TABLE incident ADD COLUMN root_cause TEXT NOT NULL DEFAULT '';
ALTER TABLE incident ADD COLUMN resolution TEXT NOT NULL DEFAULT '';
ALTER TABLE incident ADD COLUMN snoozed_before INTEGER NOT NULL DEFAULT 0;

CREATE TABLE incident_timeline (
    incident_id TEXT    NOT NULL,
    entry_id    TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (incident_id, entry_id)
) WITHOUT ROWID;
