-- The registry's change feed (an outbox): one row per status change or change of a tracked field
-- (a child's category or risk level, a woman's hardship categories), written in the transaction
-- of the change, read by other services with ListPersonChanges after a sequence number.
CREATE TABLE person_changes (
  seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id VARCHAR(40) NOT NULL,
  person_type VARCHAR(10) NOT NULL,
  division_code CHAR(12) NOT NULL,
  field VARCHAR(40) NOT NULL,
  status TINYINT NOT NULL,
  value INT NOT NULL,
  changed_at VARCHAR(32) NOT NULL,
  KEY person_changes_division (division_code, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
