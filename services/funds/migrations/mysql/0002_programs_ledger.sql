-- Programs, their accounts, and the budget journal (docs/FUNDS.md). Balances are kept on the
-- accounts for the no-overdraft check and can always be recomputed from the journal (Reconcile).
CREATE TABLE programs (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  code VARCHAR(40) NOT NULL,
  name VARCHAR(400) NOT NULL,
  funding_source TINYINT NOT NULL,
  division_code CHAR(12) NOT NULL,
  beneficiary_kind TINYINT NOT NULL,
  benefit_class VARCHAR(32) NOT NULL,
  opens_on CHAR(10) NOT NULL,
  closes_on CHAR(10) NOT NULL,
  state TINYINT NOT NULL,
  amount_rule TINYINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  terms_json TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  UNIQUE KEY programs_code (code),
  KEY programs_division_id (division_code, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE accounts (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  program_id VARCHAR(40) NOT NULL,
  balance_fen BIGINT NOT NULL,
  may_go_negative TINYINT NOT NULL,
  KEY accounts_program (program_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO accounts (id, program_id, balance_fen, may_go_negative) VALUES
  ('source:central', '', 0, 1), ('source:provincial', '', 0, 1), ('source:municipal', '', 0, 1),
  ('source:district', '', 0, 1), ('source:donation', '', 0, 1);

CREATE TABLE ledger_entries (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  posted_at VARCHAR(32) NOT NULL,
  kind TINYINT NOT NULL,
  from_account VARCHAR(64) NOT NULL,
  to_account VARCHAR(64) NOT NULL,
  amount_fen BIGINT NOT NULL,
  program_id VARCHAR(40) NOT NULL,
  other_program_id VARCHAR(40) NOT NULL,
  grant_id VARCHAR(40) NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  actor VARCHAR(200) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  division_code CHAR(12) NOT NULL,
  other_division_code VARCHAR(12) NOT NULL,
  KEY ledger_program (program_id, id),
  KEY ledger_other_program (other_program_id, id),
  KEY ledger_from (from_account),
  KEY ledger_to (to_account),
  KEY ledger_division (division_code, id),
  KEY ledger_other_division (other_division_code, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
