-- The web console's accounts (bcrypt hashes, never the password) and the events the writer applied per hour,
-- which the incidents page charts (events that only repeat an alert leave no row of their own to count).
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
