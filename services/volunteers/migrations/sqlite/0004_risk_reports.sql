-- Risk reports (发现报告) opened by visits with serious findings, each step due by its SLA.
CREATE TABLE risk_reports (
  id TEXT NOT NULL PRIMARY KEY,
  child_id TEXT NOT NULL,
  visit_id TEXT NOT NULL,
  pairing_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  findings INTEGER NOT NULL,
  state INTEGER NOT NULL,
  opened_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  acknowledged_at TEXT NOT NULL,
  acknowledged_by TEXT NOT NULL,
  acknowledge_note TEXT NOT NULL,
  resolved_at TEXT NOT NULL,
  resolved_by TEXT NOT NULL,
  resolve_note TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX risk_reports_division_id ON risk_reports (division_code, id);
CREATE INDEX risk_reports_due ON risk_reports (state, due_on, division_code);
CREATE INDEX risk_reports_opened ON risk_reports (division_code, opened_on);
