-- Why each alert joined its incident by grouping: the a_merge entries grouping writes, one per joining alert. They are
-- kept apart from incident_timeline, whose rows sit under their incident: a join appends here (alert ids grow with
-- time) instead of writing into the timeline of an incident anywhere in the file, which cost a joining event as much
-- as the rest of its writes together. The incident feed reads them through the incident's alerts; an alert that moves
-- to another incident takes its entry out of here into the timeline of the incident it joined.
CREATE TABLE alert_join (
    alert_id     TEXT    NOT NULL PRIMARY KEY,
    entry_id     TEXT    NOT NULL,
    incident_id  TEXT    NOT NULL,
    detail       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL
) WITHOUT ROWID;
