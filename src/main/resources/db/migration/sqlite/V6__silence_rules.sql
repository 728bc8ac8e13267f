-- Channels' silence rules: filters, when they apply (the Open API's time_filter or time_filters with a time zone,
-- as JSON), and whether they discard or keep and mark what they silence.
CREATE TABLE silence_rule (
    rule_id          TEXT    NOT NULL PRIMARY KEY,
    channel_id       INTEGER NOT NULL,
    priority         INTEGER NOT NULL,
    rule_name        TEXT    NOT NULL,
    description      TEXT    NOT NULL,
    filters          TEXT    NOT NULL,
    time_window      TEXT    NOT NULL,
    discard          INTEGER NOT NULL,
    status           TEXT    NOT NULL,
    from_incident_id TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) WITHOUT ROWID;
