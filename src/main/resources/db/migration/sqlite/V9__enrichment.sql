-- Integrations' label enhancement: the ordered steps as the Open API's rules array (JSON).
CREATE TABLE enrichment (
    integration_id INTEGER NOT NULL PRIMARY KEY,
    rules          TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
