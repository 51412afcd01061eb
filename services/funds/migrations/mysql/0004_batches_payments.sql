-- Funds II: grants created in batches from the registry, payees of bank transfers (the account
-- number sealed), goods, payment files to banks and the results they answer with.
ALTER TABLE grants
  ADD COLUMN payee_name VARCHAR(200) NOT NULL DEFAULT '',
  ADD COLUMN payee_bank VARCHAR(200) NOT NULL DEFAULT '',
  ADD COLUMN payee_account_cipher VARCHAR(200) NOT NULL DEFAULT '',
  ADD COLUMN payee_account_masked VARCHAR(64) NOT NULL DEFAULT '',
  ADD COLUMN goods VARCHAR(800) NOT NULL DEFAULT '',
  ADD COLUMN batch_id VARCHAR(40) NOT NULL DEFAULT '',
  ADD COLUMN payment_batch_id VARCHAR(40) NOT NULL DEFAULT '',
  ADD COLUMN approved_at VARCHAR(32) NOT NULL DEFAULT '',
  ADD COLUMN closed_at VARCHAR(32) NOT NULL DEFAULT '',
  ADD KEY grants_batch (batch_id, state),
  ADD KEY grants_payment_batch (payment_batch_id, state),
  ADD KEY grants_program_beneficiary (program_id, beneficiary_id);

CREATE TABLE grant_batches (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  program_id VARCHAR(40) NOT NULL,
  division_code CHAR(12) NOT NULL,
  division_prefix VARCHAR(12) NOT NULL,
  amount_fen BIGINT NOT NULL,
  goods VARCHAR(800) NOT NULL,
  note VARCHAR(2000) NOT NULL,
  state TINYINT NOT NULL,
  tally_json TEXT NOT NULL,
  fill_cursor VARCHAR(80) NOT NULL,
  creator_subject VARCHAR(200) NOT NULL,
  creator_roles VARCHAR(400) NOT NULL,
  creator_reach VARCHAR(12) NOT NULL,
  approvals_required TINYINT NOT NULL,
  approvals_json TEXT NOT NULL,
  approved BIGINT NOT NULL,
  rejected BIGINT NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  filled_at VARCHAR(32) NOT NULL,
  lease_owner VARCHAR(80) NOT NULL,
  lease_until BIGINT NOT NULL,
  version BIGINT NOT NULL,
  KEY grant_batches_program (program_id, id),
  KEY grant_batches_division_id (division_code, id),
  KEY grant_batches_state (state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per person a batch gave a grant in a program's period: the key that makes a re-run,
-- a resumed fill or two racing replicas create no one's grant twice.
CREATE TABLE batch_members (
  program_id VARCHAR(40) NOT NULL,
  beneficiary_id VARCHAR(40) NOT NULL,
  period VARCHAR(8) NOT NULL,
  batch_id VARCHAR(40) NOT NULL,
  grant_id VARCHAR(40) NOT NULL,
  PRIMARY KEY (program_id, beneficiary_id, period)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE payment_batches (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  program_id VARCHAR(40) NOT NULL,
  division_code CHAR(12) NOT NULL,
  state TINYINT NOT NULL,
  control_count BIGINT NOT NULL,
  control_total_fen BIGINT NOT NULL,
  paid BIGINT NOT NULL,
  paid_fen BIGINT NOT NULL,
  failed BIGINT NOT NULL,
  failed_fen BIGINT NOT NULL,
  note VARCHAR(2000) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  exported_at VARCHAR(32) NOT NULL,
  version BIGINT NOT NULL,
  KEY payment_batches_division_id (division_code, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The lines of each payment batch and the bank's answer to each (0 pending, 1 paid, 2 failed).
CREATE TABLE payment_lines (
  payment_batch_id VARCHAR(40) NOT NULL,
  grant_id VARCHAR(40) NOT NULL,
  amount_fen BIGINT NOT NULL,
  result TINYINT NOT NULL,
  bank_reference VARCHAR(200) NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  PRIMARY KEY (payment_batch_id, grant_id),
  KEY payment_lines_grant (grant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Each results file applied, by its digest: the same file twice changes nothing.
CREATE TABLE payment_result_files (
  payment_batch_id VARCHAR(40) NOT NULL,
  digest CHAR(64) NOT NULL,
  summary_json MEDIUMTEXT NOT NULL,
  imported_by VARCHAR(200) NOT NULL,
  imported_at VARCHAR(32) NOT NULL,
  PRIMARY KEY (payment_batch_id, digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
