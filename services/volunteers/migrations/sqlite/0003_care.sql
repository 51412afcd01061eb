-- Caring-mother pairings, each child's visiting plan, and visits. A volunteer's caseload is the
-- counter active_pairings, moved only by conditional statements; one active pairing per volunteer
-- and child (active_key is NULL once ended). A plan with no active pairing is due 9999-12-31.
ALTER TABLE volunteers ADD COLUMN active_pairings INTEGER NOT NULL DEFAULT 0;

CREATE TABLE pairings (
  id TEXT NOT NULL PRIMARY KEY,
  volunteer_id TEXT NOT NULL,
  child_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  state INTEGER NOT NULL,
  started_on TEXT NOT NULL,
  ended_on TEXT NOT NULL,
  end_reason INTEGER NOT NULL,
  end_note TEXT NOT NULL,
  active_key TEXT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE UNIQUE INDEX pairings_active ON pairings (active_key);
CREATE INDEX pairings_division_id ON pairings (division_code, id);
CREATE INDEX pairings_division_dates ON pairings (division_code, started_on, ended_on);
CREATE INDEX pairings_volunteer ON pairings (volunteer_id, state);
CREATE INDEX pairings_child ON pairings (child_id, state);

CREATE TABLE care_plans (
  id TEXT NOT NULL PRIMARY KEY,
  division_code TEXT NOT NULL,
  category INTEGER NOT NULL,
  risk INTEGER NOT NULL,
  last_contact_on TEXT NOT NULL,
  next_due_on TEXT NOT NULL,
  active_pairings INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX care_plans_division_id ON care_plans (division_code, id);
CREATE INDEX care_plans_due ON care_plans (next_due_on, id, division_code);
CREATE INDEX care_plans_division_due ON care_plans (division_code, next_due_on);

CREATE TABLE visits (
  id TEXT NOT NULL PRIMARY KEY,
  pairing_id TEXT NOT NULL,
  child_id TEXT NOT NULL,
  volunteer_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  visited_on TEXT NOT NULL,
  kind INTEGER NOT NULL,
  contact_made INTEGER NOT NULL,
  duration_minutes INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  goods_fen INTEGER NOT NULL,
  services TEXT NOT NULL,
  note TEXT NOT NULL,
  follow_up INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX visits_division_id ON visits (division_code, id);
CREATE INDEX visits_date ON visits (visited_on, division_code, contact_made, child_id, kind, goods_fen);
CREATE INDEX visits_child ON visits (child_id, visited_on);
CREATE INDEX visits_pairing ON visits (pairing_id);
