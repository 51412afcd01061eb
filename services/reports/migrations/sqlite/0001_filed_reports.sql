-- Reports filed upward: the form frozen as filed, versioned per division and period (a later
-- filing of the same is a restatement), with the hash of its figures.
CREATE TABLE filed_reports (
  id TEXT NOT NULL PRIMARY KEY,
  division_code TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  version INTEGER NOT NULL,
  report_json TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  filed_by TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE UNIQUE INDEX filed_reports_version ON filed_reports (division_code, period_from, period_to, version);
CREATE INDEX filed_reports_division_id ON filed_reports (division_code, id);
