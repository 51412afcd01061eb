-- Caring-mother pairings, each child's visiting plan, and visits. A volunteer's caseload is the
-- counter active_pairings, moved only by conditional statements; one active pairing per volunteer
-- and child (active_key is NULL once ended). A plan with no active pairing is due 9999-12-31.
ALTER TABLE volunteers ADD COLUMN active_pairings INT NOT NULL DEFAULT 0;

CREATE TABLE pairings (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  volunteer_id VARCHAR(40) NOT NULL,
  child_id VARCHAR(40) NOT NULL,
  division_code CHAR(12) NOT NULL,
  state TINYINT NOT NULL,
  started_on CHAR(10) NOT NULL,
  ended_on CHAR(10) NOT NULL,
  end_reason TINYINT NOT NULL,
  end_note VARCHAR(2000) NOT NULL,
  active_key VARCHAR(100) NULL,
  version BIGINT NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  UNIQUE KEY pairings_active (active_key),
  KEY pairings_division_id (division_code, id),
  KEY pairings_division_dates (division_code, started_on, ended_on),
  KEY pairings_volunteer (volunteer_id, state),
  KEY pairings_child (child_id, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE care_plans (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  division_code CHAR(12) NOT NULL,
  category TINYINT NOT NULL,
  risk TINYINT NOT NULL,
  last_contact_on CHAR(10) NOT NULL,
  next_due_on CHAR(10) NOT NULL,
  active_pairings INT NOT NULL,
  version BIGINT NOT NULL,
  KEY care_plans_division_id (division_code, id),
  KEY care_plans_due (next_due_on, id, division_code),
  KEY care_plans_division_due (division_code, next_due_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE visits (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  pairing_id VARCHAR(40) NOT NULL,
  child_id VARCHAR(40) NOT NULL,
  volunteer_id VARCHAR(40) NOT NULL,
  division_code CHAR(12) NOT NULL,
  visited_on CHAR(10) NOT NULL,
  kind TINYINT NOT NULL,
  contact_made TINYINT NOT NULL,
  duration_minutes INT NOT NULL,
  findings INT NOT NULL,
  goods_fen BIGINT NOT NULL,
  services VARCHAR(800) NOT NULL,
  note VARCHAR(2000) NOT NULL,
  follow_up TINYINT NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  KEY visits_division_id (division_code, id),
  KEY visits_date (visited_on, division_code, contact_made, child_id, kind, goods_fen),
  KEY visits_child (child_id, visited_on),
  KEY visits_pairing (pairing_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
