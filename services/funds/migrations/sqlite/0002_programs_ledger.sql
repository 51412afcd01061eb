-- Programs, their accounts, and the budget journal (docs/FUNDS.md). Balances are kept on the
-- accounts for the no-overdraft check and can always be recomputed from the journal (Reconcile).
CREATE TABLE programs (
  id TEXT NOT NULL PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  funding_source INTEGER NOT NULL,
  division_code TEXT NOT NULL,
  beneficiary_kind INTEGER NOT NULL,
  benefit_class TEXT NOT NULL,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  state INTEGER NOT NULL,
  amount_rule INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  terms_json TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX programs_division_id ON programs (division_code, id);

CREATE TABLE accounts (
  id TEXT NOT NULL PRIMARY KEY,
  program_id TEXT NOT NULL,
  balance_fen INTEGER NOT NULL,
  may_go_negative INTEGER NOT NULL
);
CREATE INDEX accounts_program ON accounts (program_id);

INSERT INTO accounts (id, program_id, balance_fen, may_go_negative) VALUES
  ('source:central', '', 0, 1), ('source:provincial', '', 0, 1), ('source:municipal', '', 0, 1),
  ('source:district', '', 0, 1), ('source:donation', '', 0, 1);

CREATE TABLE ledger_entries (
  id TEXT NOT NULL PRIMARY KEY,
  posted_at TEXT NOT NULL,
  kind INTEGER NOT NULL,
  from_account TEXT NOT NULL,
  to_account TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  program_id TEXT NOT NULL,
  other_program_id TEXT NOT NULL,
  grant_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  request_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  other_division_code TEXT NOT NULL
);
CREATE INDEX ledger_program ON ledger_entries (program_id, id);
CREATE INDEX ledger_other_program ON ledger_entries (other_program_id, id);
CREATE INDEX ledger_from ON ledger_entries (from_account);
CREATE INDEX ledger_to ON ledger_entries (to_account);
CREATE INDEX ledger_division ON ledger_entries (division_code, id);
CREATE INDEX ledger_other_division ON ledger_entries (other_division_code, id);
