-- Risk reports (发现报告) opened by visits with serious findings, each step due by its SLA.
CREATE TABLE risk_reports (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  child_id VARCHAR(40) NOT NULL,
  visit_id VARCHAR(40) NOT NULL,
  pairing_id VARCHAR(40) NOT NULL,
  division_code CHAR(12) NOT NULL,
  findings INT NOT NULL,
  state TINYINT NOT NULL,
  opened_on CHAR(10) NOT NULL,
  due_on CHAR(10) NOT NULL,
  acknowledged_at VARCHAR(32) NOT NULL,
  acknowledged_by VARCHAR(2000) NOT NULL,
  acknowledge_note VARCHAR(2000) NOT NULL,
  resolved_at VARCHAR(32) NOT NULL,
  resolved_by VARCHAR(2000) NOT NULL,
  resolve_note VARCHAR(2000) NOT NULL,
  version BIGINT NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  created_by VARCHAR(2000) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX risk_reports_division_id ON risk_reports (division_code, id);
CREATE INDEX risk_reports_due ON risk_reports (state, due_on, division_code);
CREATE INDEX risk_reports_opened ON risk_reports (division_code, opened_on);
