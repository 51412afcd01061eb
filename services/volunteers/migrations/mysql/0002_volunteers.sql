-- Volunteers and their identities (one per resident ID number, by blind index), teams and
-- members, activities with their sign-up counters, sign-ups with attendance, and the
-- append-only hours ledger.
CREATE TABLE volunteers (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  division_code CHAR(12) NOT NULL,
  skills VARCHAR(1000) NOT NULL,
  mobile_masked VARCHAR(20) NOT NULL,
  mobile_cipher VARCHAR(200) NOT NULL,
  id_number_masked VARCHAR(20) NOT NULL,
  id_number_cipher VARCHAR(200) NOT NULL,
  status TINYINT NOT NULL,
  no_show_count INT NOT NULL,
  version BIGINT NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  KEY volunteers_division_id (division_code, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE volunteer_identities (
  id_number_index CHAR(64) NOT NULL PRIMARY KEY,
  person_id VARCHAR(40) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE teams (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  division_code CHAR(12) NOT NULL,
  leader_id VARCHAR(40) NOT NULL,
  member_count INT NOT NULL,
  version BIGINT NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  UNIQUE KEY teams_division_name (division_code, name),
  KEY teams_division_id (division_code, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE team_members (
  team_id VARCHAR(40) NOT NULL,
  volunteer_id VARCHAR(40) NOT NULL,
  joined_at VARCHAR(32) NOT NULL,
  added_by VARCHAR(200) NOT NULL,
  PRIMARY KEY (team_id, volunteer_id),
  KEY team_members_volunteer (volunteer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE activities (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  title VARCHAR(400) NOT NULL,
  type TINYINT NOT NULL,
  division_code CHAR(12) NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  location VARCHAR(800) NOT NULL,
  capacity INT NOT NULL,
  team_id VARCHAR(40) NOT NULL,
  state TINYINT NOT NULL,
  signed_up INT NOT NULL,
  waitlisted INT NOT NULL,
  queue_seq BIGINT NOT NULL,
  check_in_code CHAR(6) NOT NULL,
  version BIGINT NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  KEY activities_division_id (division_code, id),
  KEY activities_division_start (division_code, starts_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE signups (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  activity_id VARCHAR(40) NOT NULL,
  volunteer_id VARCHAR(40) NOT NULL,
  division_code CHAR(12) NOT NULL,
  state TINYINT NOT NULL,
  queue_no BIGINT NOT NULL,
  checked_in_at BIGINT NOT NULL,
  checked_out_at BIGINT NOT NULL,
  credited_minutes INT NOT NULL,
  version BIGINT NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  UNIQUE KEY signups_once (activity_id, volunteer_id),
  KEY signups_queue (activity_id, state, queue_no),
  KEY signups_volunteer (volunteer_id, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One attendance entry per sign-up at most (signups_claim); adjustments carry no sign-up.
CREATE TABLE hours_entries (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  volunteer_id VARCHAR(40) NOT NULL,
  activity_id VARCHAR(40) NOT NULL,
  signup_id VARCHAR(40) NULL,
  team_id VARCHAR(40) NOT NULL,
  division_code CHAR(12) NOT NULL,
  kind TINYINT NOT NULL,
  state TINYINT NOT NULL,
  minutes INT NOT NULL,
  credited_from BIGINT NOT NULL,
  credited_to BIGINT NOT NULL,
  service_date CHAR(10) NOT NULL,
  check_out_missing TINYINT NOT NULL,
  adjusts_entry_id VARCHAR(40) NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  decided_at VARCHAR(32) NOT NULL,
  decided_by VARCHAR(200) NOT NULL,
  version BIGINT NOT NULL,
  UNIQUE KEY hours_one_claim (signup_id),
  KEY hours_volunteer (volunteer_id, service_date),
  KEY hours_activity (activity_id),
  KEY hours_team (team_id, service_date, state, minutes),
  KEY hours_division (division_code, service_date, state, minutes)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Daily totals of the ledger per division prefix (level 2, 4, 6, 9 and 12 digits) and state, kept
-- in the same transaction as every entry written or moved: a district's year is 365 rows a state,
-- not every entry.
CREATE TABLE hours_rollup (
  level TINYINT NOT NULL,
  prefix VARCHAR(12) NOT NULL,
  service_date CHAR(10) NOT NULL,
  state TINYINT NOT NULL,
  minutes BIGINT NOT NULL,
  entries BIGINT NOT NULL,
  PRIMARY KEY (level, prefix, service_date, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
