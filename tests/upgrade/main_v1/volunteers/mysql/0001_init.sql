-- The service's first schema: request-id idempotency for the mutating calls to come.
CREATE TABLE idempotency_keys (
  subject VARCHAR(200) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  method VARCHAR(100) NOT NULL,
  request_hash CHAR(64) NOT NULL,
  response MEDIUMTEXT NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  PRIMARY KEY (subject, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
