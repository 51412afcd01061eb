-- The history also keeps category and risk changes (who, when, why), not only status.
ALTER TABLE child_status_history
  ADD COLUMN field VARCHAR(16) NOT NULL DEFAULT 'status',
  ADD COLUMN from_value TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN to_value TINYINT NOT NULL DEFAULT 0;
