-- Volunteers and their identities (one per resident ID number, by blind index), teams and
-- members, activities with their sign-up counters, sign-ups with attendance, and the
-- append-only hours ledger.
CREATE TABLE volunteers (
  id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  division_code TEXT NOT NULL,
  skills TEXT NOT NULL,
  mobile_masked TEXT NOT NULL,
  mobile_cipher TEXT NOT NULL,
  id_number_masked TEXT NOT NULL,
  id_number_cipher TEXT NOT NULL,
  status INTEGER NOT NULL,
  no_show_count INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX volunteers_division_id ON volunteers (division_code, id);

CREATE TABLE volunteer_identities (
  id_number_index TEXT NOT NULL PRIMARY KEY,
  person_id TEXT NOT NULL
);

CREATE TABLE teams (
  id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  division_code TEXT NOT NULL,
  leader_id TEXT NOT NULL,
  member_count INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE UNIQUE INDEX teams_division_name ON teams (division_code, name);
CREATE INDEX teams_division_id ON teams (division_code, id);

CREATE TABLE team_members (
  team_id TEXT NOT NULL,
  volunteer_id TEXT NOT NULL,
  joined_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  PRIMARY KEY (team_id, volunteer_id)
);
CREATE INDEX team_members_volunteer ON team_members (volunteer_id);

CREATE TABLE activities (
  id TEXT NOT NULL PRIMARY KEY,
  title TEXT NOT NULL,
  type INTEGER NOT NULL,
  division_code TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  location TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  team_id TEXT NOT NULL,
  state INTEGER NOT NULL,
  signed_up INTEGER NOT NULL,
  waitlisted INTEGER NOT NULL,
  queue_seq INTEGER NOT NULL,
  check_in_code TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX activities_division_id ON activities (division_code, id);
CREATE INDEX activities_division_start ON activities (division_code, starts_at);

CREATE TABLE signups (
  id TEXT NOT NULL PRIMARY KEY,
  activity_id TEXT NOT NULL,
  volunteer_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  state INTEGER NOT NULL,
  queue_no INTEGER NOT NULL,
  checked_in_at INTEGER NOT NULL,
  checked_out_at INTEGER NOT NULL,
  credited_minutes INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE UNIQUE INDEX signups_once ON signups (activity_id, volunteer_id);
CREATE INDEX signups_queue ON signups (activity_id, state, queue_no);
CREATE INDEX signups_volunteer ON signups (volunteer_id, state);

-- One attendance entry per sign-up at most (signups_claim); adjustments carry no sign-up.
CREATE TABLE hours_entries (
  id TEXT NOT NULL PRIMARY KEY,
  volunteer_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  signup_id TEXT NULL,
  team_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  kind INTEGER NOT NULL,
  state INTEGER NOT NULL,
  minutes INTEGER NOT NULL,
  credited_from INTEGER NOT NULL,
  credited_to INTEGER NOT NULL,
  service_date TEXT NOT NULL,
  check_out_missing INTEGER NOT NULL,
  adjusts_entry_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE UNIQUE INDEX hours_one_claim ON hours_entries (signup_id);
CREATE INDEX hours_volunteer ON hours_entries (volunteer_id, service_date);
CREATE INDEX hours_activity ON hours_entries (activity_id);
CREATE INDEX hours_team ON hours_entries (team_id, service_date, state, minutes);
CREATE INDEX hours_division ON hours_entries (division_code, service_date, state, minutes);

-- Daily totals of the ledger per division prefix (level 2, 4, 6, 9 and 12 digits) and state, kept
-- in the same transaction as every entry written or moved: a district's year is 365 rows a state,
-- not every entry.
CREATE TABLE hours_rollup (
  level INTEGER NOT NULL,
  prefix TEXT NOT NULL,
  service_date TEXT NOT NULL,
  state INTEGER NOT NULL,
  minutes INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  PRIMARY KEY (level, prefix, service_date, state)
);
