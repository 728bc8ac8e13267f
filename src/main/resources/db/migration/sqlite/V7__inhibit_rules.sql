-- Channels' inhibit rules: source and target filters (JSON), the fields that pair them (a JSON array), and whether
-- an inhibited alert is discarded or kept and marked.
CREATE TABLE inhibit_rule (
    rule_id        TEXT    NOT NULL PRIMARY KEY,
    channel_id     INTEGER NOT NULL,
    priority       INTEGER NOT NULL,
    rule_name      TEXT    NOT NULL,
    description    TEXT    NOT NULL,
    source_filters TEXT    NOT NULL,
    target_filters TEXT    NOT NULL,
    equals         TEXT    NOT NULL,
    discard        INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) WITHOUT ROWID;
