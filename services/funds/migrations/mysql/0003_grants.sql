-- Grant applications, the usage each person has of a program or a benefit class (counted at
-- final approval, in the database), and the caps per benefit class.
CREATE TABLE grants (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  program_id VARCHAR(40) NOT NULL,
  beneficiary_id VARCHAR(40) NOT NULL,
  amount_fen BIGINT NOT NULL,
  note VARCHAR(2000) NOT NULL,
  state TINYINT NOT NULL,
  division_code CHAR(12) NOT NULL,
  applied_on CHAR(10) NOT NULL,
  submitted_by VARCHAR(200) NOT NULL,
  submitted_at VARCHAR(32) NOT NULL,
  approvals_required TINYINT NOT NULL,
  approvals_json TEXT NOT NULL,
  snapshot_json TEXT NOT NULL,
  channel TINYINT NOT NULL,
  payment_reference VARCHAR(200) NOT NULL,
  disbursed_at VARCHAR(32) NOT NULL,
  disbursed_by VARCHAR(200) NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  version BIGINT NOT NULL,
  KEY grants_division_id (division_code, id),
  KEY grants_program (program_id, state),
  KEY grants_beneficiary (beneficiary_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE usage_counters (
  beneficiary_id VARCHAR(40) NOT NULL,
  scope VARCHAR(80) NOT NULL,
  period VARCHAR(8) NOT NULL,
  grants INT NOT NULL,
  amount_fen BIGINT NOT NULL,
  PRIMARY KEY (beneficiary_id, scope, period)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE benefit_class_caps (
  benefit_class VARCHAR(32) NOT NULL PRIMARY KEY,
  max_grants_per_year INT NOT NULL,
  max_fen_per_year BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
