-- Dynamic management (动态管理): children leave the register with a reason and may come back.
ALTER TABLE children ADD COLUMN status INTEGER NOT NULL DEFAULT 1;
ALTER TABLE children ADD COLUMN exit_reason INTEGER NOT NULL DEFAULT 0;
ALTER TABLE children ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE child_status_history (
  id TEXT NOT NULL PRIMARY KEY,
  child_id TEXT NOT NULL,
  from_status INTEGER NOT NULL,
  to_status INTEGER NOT NULL,
  reason INTEGER NOT NULL,
  note TEXT NOT NULL,
  actor TEXT NOT NULL,
  request_id TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
CREATE INDEX child_status_history_child ON child_status_history (child_id, id);
