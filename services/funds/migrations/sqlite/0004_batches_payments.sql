-- Funds II: grants created in batches from the registry, payees of bank transfers (the account
-- number sealed), goods, payment files to banks and the results they answer with.
ALTER TABLE grants ADD COLUMN payee_name TEXT NOT NULL DEFAULT '';
ALTER TABLE grants ADD COLUMN payee_bank TEXT NOT NULL DEFAULT '';
ALTER TABLE grants ADD COLUMN payee_account_cipher TEXT NOT NULL DEFAULT '';
ALTER TABLE grants ADD COLUMN payee_account_masked TEXT NOT NULL DEFAULT '';
ALTER TABLE grants ADD COLUMN goods TEXT NOT NULL DEFAULT '';
ALTER TABLE grants ADD COLUMN batch_id TEXT NOT NULL DEFAULT '';
ALTER TABLE grants ADD COLUMN payment_batch_id TEXT NOT NULL DEFAULT '';
ALTER TABLE grants ADD COLUMN approved_at TEXT NOT NULL DEFAULT '';
ALTER TABLE grants ADD COLUMN closed_at TEXT NOT NULL DEFAULT '';
CREATE INDEX grants_batch ON grants (batch_id, state);
CREATE INDEX grants_payment_batch ON grants (payment_batch_id, state);
CREATE INDEX grants_program_beneficiary ON grants (program_id, beneficiary_id);

CREATE TABLE grant_batches (
  id TEXT NOT NULL PRIMARY KEY,
  program_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  division_prefix TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  goods TEXT NOT NULL,
  note TEXT NOT NULL,
  state INTEGER NOT NULL,
  tally_json TEXT NOT NULL,
  fill_cursor TEXT NOT NULL,
  creator_subject TEXT NOT NULL,
  creator_roles TEXT NOT NULL,
  creator_reach TEXT NOT NULL,
  approvals_required INTEGER NOT NULL,
  approvals_json TEXT NOT NULL,
  approved INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  filled_at TEXT NOT NULL,
  lease_owner TEXT NOT NULL,
  lease_until INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX grant_batches_program ON grant_batches (program_id, id);
CREATE INDEX grant_batches_division_id ON grant_batches (division_code, id);
CREATE INDEX grant_batches_state ON grant_batches (state);

-- One row per person a batch gave a grant in a program's period: the key that makes a re-run,
-- a resumed fill or two racing replicas create no one's grant twice.
CREATE TABLE batch_members (
  program_id TEXT NOT NULL,
  beneficiary_id TEXT NOT NULL,
  period TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  grant_id TEXT NOT NULL,
  PRIMARY KEY (program_id, beneficiary_id, period)
);

CREATE TABLE payment_batches (
  id TEXT NOT NULL PRIMARY KEY,
  program_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  state INTEGER NOT NULL,
  control_count INTEGER NOT NULL,
  control_total_fen INTEGER NOT NULL,
  paid INTEGER NOT NULL,
  paid_fen INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  failed_fen INTEGER NOT NULL,
  note TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  exported_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX payment_batches_division_id ON payment_batches (division_code, id);

-- The lines of each payment batch and the bank's answer to each (0 pending, 1 paid, 2 failed).
CREATE TABLE payment_lines (
  payment_batch_id TEXT NOT NULL,
  grant_id TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  result INTEGER NOT NULL,
  bank_reference TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (payment_batch_id, grant_id)
);
CREATE INDEX payment_lines_grant ON payment_lines (grant_id);

-- Each results file applied, by its digest: the same file twice changes nothing.
CREATE TABLE payment_result_files (
  payment_batch_id TEXT NOT NULL,
  digest TEXT NOT NULL,
  summary_json TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (payment_batch_id, digest)
);
