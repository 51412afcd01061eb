-- Grant applications, the usage each person has of a program or a benefit class (counted at
-- final approval, in the database), and the caps per benefit class.
CREATE TABLE grants (
  id TEXT NOT NULL PRIMARY KEY,
  program_id TEXT NOT NULL,
  beneficiary_id TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  note TEXT NOT NULL,
  state INTEGER NOT NULL,
  division_code TEXT NOT NULL,
  applied_on TEXT NOT NULL,
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  approvals_required INTEGER NOT NULL,
  approvals_json TEXT NOT NULL,
  snapshot_json TEXT NOT NULL,
  channel INTEGER NOT NULL,
  payment_reference TEXT NOT NULL,
  disbursed_at TEXT NOT NULL,
  disbursed_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX grants_division_id ON grants (division_code, id);
CREATE INDEX grants_program ON grants (program_id, state);
CREATE INDEX grants_beneficiary ON grants (beneficiary_id);

CREATE TABLE usage_counters (
  beneficiary_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  period TEXT NOT NULL,
  grants INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (beneficiary_id, scope, period)
);

CREATE TABLE benefit_class_caps (
  benefit_class TEXT NOT NULL PRIMARY KEY,
  max_grants_per_year INTEGER NOT NULL,
  max_fen_per_year INTEGER NOT NULL
);
