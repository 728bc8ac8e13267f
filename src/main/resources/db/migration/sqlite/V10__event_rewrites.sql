-- Which enrichment and pipeline steps changed a stored event from what was pushed (a JSON array of step names).
ALTER TABLE alert_event ADD COLUMN rewrites TEXT NOT NULL DEFAULT '[]';
