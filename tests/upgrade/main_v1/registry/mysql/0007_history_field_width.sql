-- Women's hardship categories join the history: the field name "hardship_categories" needs more
-- than 16 characters and the values are bit sets, so both columns widen.
ALTER TABLE child_status_history
  MODIFY COLUMN field VARCHAR(32) NOT NULL DEFAULT 'status',
  MODIFY COLUMN from_value INT NOT NULL DEFAULT 0,
  MODIFY COLUMN to_value INT NOT NULL DEFAULT 0;
