-- The web console's accounts (bcrypt hashes, never the password), and per-hour tallies of the events the writer
-- applied and the incidents it opened, which the incidents page charts without scanning the incident table (and
-- which count events that only repeated an alert, which leave no row of their own).
CREATE TABLE console_user (
    username      TEXT    NOT NULL PRIMARY KEY,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE event_hour (
    hour   INTEGER NOT NULL PRIMARY KEY,
    events INTEGER NOT NULL
);

CREATE TABLE incident_hour (
    hour      INTEGER NOT NULL PRIMARY KEY,
    incidents INTEGER NOT NULL
);
