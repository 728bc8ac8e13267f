-- Channels and integrations: small, configuration-like tables.
CREATE TABLE channel (
    channel_id   INTEGER PRIMARY KEY,
    channel_name TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    status       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

CREATE TABLE integration (
    integration_id   INTEGER PRIMARY KEY,
    integration_name TEXT    NOT NULL,
    integration_type TEXT    NOT NULL,
    integration_key  TEXT    NOT NULL UNIQUE,
    channel_id       INTEGER NOT NULL REFERENCES channel (channel_id),
    status           TEXT    NOT NULL,
    rate_per_second  INTEGER,
    rate_per_minute  INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);

-- Alerts, incidents and events are keyed by time-ordered ObjectIDs; WITHOUT ROWID keeps each table one B-tree.
CREATE TABLE alert (
    alert_id       TEXT    NOT NULL PRIMARY KEY,
    channel_id     INTEGER NOT NULL,
    integration_id INTEGER NOT NULL,
    alert_key      TEXT    NOT NULL,
    title          TEXT    NOT NULL,
    title_rule     TEXT    NOT NULL,
    description    TEXT    NOT NULL,
    alert_severity TEXT    NOT NULL,
    alert_status   TEXT    NOT NULL,
    start_time     INTEGER NOT NULL,
    last_time      INTEGER NOT NULL,
    end_time       INTEGER NOT NULL,
    close_time     INTEGER NOT NULL,
    labels         TEXT    NOT NULL,
    images         TEXT    NOT NULL,
    event_cnt      INTEGER NOT NULL,
    ever_muted     INTEGER NOT NULL,
    incident_id    TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) WITHOUT ROWID;

-- No index on times: ids begin with their creation second, so the primary key serves time ranges. Active
-- alerts are found through the open incidents they belong to; recoveries (remembered for a day) have a partial
-- index of their own. Every index here costs every write, so there are as few as the reads need.
CREATE INDEX alert_by_key ON alert (alert_key);
CREATE INDEX alert_by_incident ON alert (incident_id);
CREATE INDEX alert_recovered ON alert (close_time) WHERE alert_status = 'Ok';

CREATE TABLE incident (
    incident_id       TEXT    NOT NULL PRIMARY KEY,
    channel_id        INTEGER NOT NULL,
    num               TEXT    NOT NULL,
    title             TEXT    NOT NULL,
    description       TEXT    NOT NULL,
    incident_severity TEXT    NOT NULL,
    incident_status   TEXT    NOT NULL,
    progress          TEXT    NOT NULL,
    start_time        INTEGER NOT NULL,
    last_time         INTEGER NOT NULL,
    end_time          INTEGER NOT NULL,
    ack_time          INTEGER NOT NULL,
    close_time        INTEGER NOT NULL,
    labels            TEXT    NOT NULL,
    first_alert_id    TEXT    NOT NULL,
    group_method      TEXT    NOT NULL,
    alert_cnt         INTEGER NOT NULL,
    active_alert_cnt  INTEGER NOT NULL,
    alert_event_cnt   INTEGER NOT NULL,
    ever_muted        INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX incident_open ON incident (progress) WHERE progress <> 'Closed';

-- Events are clustered by their alert, which is how they are read.
CREATE TABLE alert_event (
    alert_id       TEXT    NOT NULL,
    event_id       TEXT    NOT NULL,
    channel_id     INTEGER NOT NULL,
    integration_id INTEGER NOT NULL,
    alert_key      TEXT    NOT NULL,
    event_status   TEXT    NOT NULL,
    title_rule     TEXT    NOT NULL,
    title          TEXT    NOT NULL,
    description    TEXT    NOT NULL,
    labels         TEXT    NOT NULL,
    images         TEXT    NOT NULL,
    event_time     INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (alert_id, event_id)
) WITHOUT ROWID;
