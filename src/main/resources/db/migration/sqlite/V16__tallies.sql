-- What nearly every event moves, an alert's and its incident's times and counters, lives in narrow tables of its own.
-- SQLite rewrites a whole record to change one column of it, and a commit logs every page it touched, so a repeat
-- that rewrote its wide alert and incident rows (title, labels, description) logged about ten times the bytes it
-- changed; a tally row is about 50 bytes. Reads join a record to its tally by primary key.
CREATE TABLE alert_tally (
    alert_id   TEXT    NOT NULL PRIMARY KEY,
    last_time  INTEGER NOT NULL,
    event_cnt  INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO alert_tally (alert_id, last_time, event_cnt, updated_at)
    SELECT alert_id, last_time, event_cnt, updated_at FROM alert;
ALTER TABLE alert DROP COLUMN last_time;
ALTER TABLE alert DROP COLUMN event_cnt;
ALTER TABLE alert DROP COLUMN updated_at;

CREATE TABLE incident_tally (
    incident_id      TEXT    NOT NULL PRIMARY KEY,
    last_time        INTEGER NOT NULL,
    alert_cnt        INTEGER NOT NULL,
    active_alert_cnt INTEGER NOT NULL,
    alert_event_cnt  INTEGER NOT NULL,
    last_merge_time  INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO incident_tally (incident_id, last_time, alert_cnt, active_alert_cnt, alert_event_cnt, last_merge_time,
                            updated_at)
    SELECT incident_id, last_time, alert_cnt, active_alert_cnt, alert_event_cnt, last_merge_time, updated_at
    FROM incident;
ALTER TABLE incident DROP COLUMN last_time;
ALTER TABLE incident DROP COLUMN alert_cnt;
ALTER TABLE incident DROP COLUMN active_alert_cnt;
ALTER TABLE incident DROP COLUMN alert_event_cnt;
ALTER TABLE incident DROP COLUMN last_merge_time;
ALTER TABLE incident DROP COLUMN updated_at;
