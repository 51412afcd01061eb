-- Who changed or read what (common/audit.h): one row per event, never updated or deleted by a
-- service. IF NOT EXISTS: the registry's own migrations made it before it was shared.
CREATE TABLE IF NOT EXISTS audit_events (
  id TEXT NOT NULL PRIMARY KEY,
  occurred_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  request_id TEXT NOT NULL,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_events_record ON audit_events (record_id, id);
CREATE INDEX IF NOT EXISTS audit_events_actor ON audit_events (actor, id);
