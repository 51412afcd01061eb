-- Reports filed upward: the form frozen as filed, versioned per division and period (a later
-- filing of the same is a restatement), with the hash of its figures.
CREATE TABLE filed_reports (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  division_code CHAR(12) NOT NULL,
  period_from CHAR(10) NOT NULL,
  period_to CHAR(10) NOT NULL,
  version INT NOT NULL,
  report_json MEDIUMTEXT NOT NULL,
  content_hash CHAR(64) NOT NULL,
  filed_by VARCHAR(200) NOT NULL,
  filed_at VARCHAR(32) NOT NULL,
  note VARCHAR(2000) NOT NULL,
  UNIQUE KEY filed_reports_version (division_code, period_from, period_to, version),
  KEY filed_reports_division_id (division_code, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
