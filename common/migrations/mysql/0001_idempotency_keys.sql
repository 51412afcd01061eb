-- Request-id idempotency for every mutating call (common/idempotency.h). IF NOT EXISTS: databases
-- made before the shared migrations already hold this table from the service's own first one.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  subject VARCHAR(200) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  method VARCHAR(100) NOT NULL,
  request_hash CHAR(64) NOT NULL,
  response MEDIUMTEXT NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  PRIMARY KEY (subject, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
