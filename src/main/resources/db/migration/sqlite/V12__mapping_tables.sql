-- Mapping tables for label enhancement: the schema (source and result label names, JSON arrays) and the rows
-- (a JSON array of [source values, result values] pairs).
CREATE TABLE mapping_table (
    schema_id     TEXT    NOT NULL PRIMARY KEY,
    schema_name   TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    source_labels TEXT    NOT NULL,
    result_labels TEXT    NOT NULL,
    rows          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) WITHOUT ROWID;
