-- The registry's change feed (an outbox): one row per status change or change of a tracked field
-- (a child's category or risk level, a woman's hardship categories), written in the transaction
-- of the change, read by other services with ListPersonChanges after a sequence number.
CREATE TABLE person_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id TEXT NOT NULL,
  person_type TEXT NOT NULL,
  division_code TEXT NOT NULL,
  field TEXT NOT NULL,
  status INTEGER NOT NULL,
  value INTEGER NOT NULL,
  changed_at TEXT NOT NULL
);
CREATE INDEX person_changes_division ON person_changes (division_code, seq);
