-- Who changed or read what (common/audit.h): one row per event, never updated or deleted by a
-- service. IF NOT EXISTS: the registry's own migrations made it before it was shared.
CREATE TABLE IF NOT EXISTS audit_events (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  occurred_at VARCHAR(32) NOT NULL,
  actor VARCHAR(200) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  action VARCHAR(64) NOT NULL,
  record_type VARCHAR(32) NOT NULL,
  record_id VARCHAR(40) NOT NULL,
  division_code CHAR(12) NOT NULL,
  before_json MEDIUMTEXT NOT NULL,
  after_json MEDIUMTEXT NOT NULL,
  KEY audit_events_record (record_id, id),
  KEY audit_events_actor (actor, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
