-- Channels' drop rules: filters (the Open API's OR-of-AND JSON) that discard matching trigger events.
CREATE TABLE drop_rule (
    rule_id     TEXT    NOT NULL PRIMARY KEY,
    channel_id  INTEGER NOT NULL,
    priority    INTEGER NOT NULL,
    rule_name   TEXT    NOT NULL,
    description TEXT    NOT NULL,
    filters     TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;
