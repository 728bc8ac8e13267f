-- How a channel's incidents close: by themselves after a timeout, and whether recovering all alerts closes them.
ALTER TABLE channel ADD COLUMN auto_resolve_timeout INTEGER NOT NULL DEFAULT 0;
ALTER TABLE channel ADD COLUMN auto_resolve_mode TEXT NOT NULL DEFAULT 'trigger';
ALTER TABLE channel ADD COLUMN disable_auto_close INTEGER NOT NULL DEFAULT 0;
