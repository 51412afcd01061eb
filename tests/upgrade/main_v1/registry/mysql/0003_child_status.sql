-- Dynamic management (动态管理): children leave the register with a reason and may come back.
ALTER TABLE children
  ADD COLUMN status TINYINT NOT NULL DEFAULT 1,
  ADD COLUMN exit_reason TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

CREATE TABLE child_status_history (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  child_id VARCHAR(40) NOT NULL,
  from_status TINYINT NOT NULL,
  to_status TINYINT NOT NULL,
  reason TINYINT NOT NULL,
  note VARCHAR(2000) NOT NULL,
  actor VARCHAR(200) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  changed_at VARCHAR(32) NOT NULL,
  KEY child_status_history_child (child_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
