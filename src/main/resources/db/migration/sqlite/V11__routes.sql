-- Shared integrations' routes: the cases (JSON) and the default channels (a JSON array).
CREATE TABLE route (
    integration_id   INTEGER NOT NULL PRIMARY KEY,
    cases            TEXT    NOT NULL,
    default_channels TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
