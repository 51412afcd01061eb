-- The service's first schema: request-id idempotency for the mutating calls to come.
CREATE TABLE idempotency_keys (
  subject TEXT NOT NULL,
  request_id TEXT NOT NULL,
  method TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (subject, request_id)
);
