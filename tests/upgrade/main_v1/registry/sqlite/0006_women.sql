-- Low-income women (低收入妇女) and their cancer screenings (两癌筛查). Hardship categories are a
-- bit set (bit n for category n) so a list can filter on one of them with an index-free test.
CREATE TABLE women (
  id TEXT NOT NULL PRIMARY KEY,
  division_code TEXT NOT NULL,
  name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  id_number_cipher TEXT NOT NULL,
  id_number_masked TEXT NOT NULL,
  mobile_cipher TEXT NOT NULL,
  mobile_masked TEXT NOT NULL,
  hardship_mask INTEGER NOT NULL,
  household_size INTEGER NOT NULL,
  monthly_income_fen INTEGER NOT NULL,
  notes TEXT NOT NULL,
  cancer_patient INTEGER NOT NULL DEFAULT 0,
  status INTEGER NOT NULL DEFAULT 1,
  exit_reason INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX women_division_id ON women (division_code, id);

CREATE TABLE screenings (
  id TEXT NOT NULL PRIMARY KEY,
  woman_id TEXT NOT NULL,
  screened_on TEXT NOT NULL,
  screening_type INTEGER NOT NULL,
  result INTEGER NOT NULL,
  facility TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX screenings_woman ON screenings (woman_id, id);
