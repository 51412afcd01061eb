-- Request-id idempotency for every mutating call (common/idempotency.h). IF NOT EXISTS: databases
-- made before the shared migrations already hold this table from the service's own first one.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  subject TEXT NOT NULL,
  request_id TEXT NOT NULL,
  method TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (subject, request_id)
);
