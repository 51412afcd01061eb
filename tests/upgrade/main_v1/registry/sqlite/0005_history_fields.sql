-- The history also keeps category and risk changes (who, when, why), not only status.
ALTER TABLE child_status_history ADD COLUMN field TEXT NOT NULL DEFAULT 'status';
ALTER TABLE child_status_history ADD COLUMN from_value INTEGER NOT NULL DEFAULT 0;
ALTER TABLE child_status_history ADD COLUMN to_value INTEGER NOT NULL DEFAULT 0;
