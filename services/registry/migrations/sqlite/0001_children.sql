-- Every person's resident ID number appears once across the registry, found by its HMAC blind
-- index; the number itself lives only encrypted beside the record.
CREATE TABLE person_identities (
  id_number_index TEXT NOT NULL PRIMARY KEY,
  person_id TEXT NOT NULL
);

CREATE TABLE children (
  id TEXT NOT NULL PRIMARY KEY,
  division_code TEXT NOT NULL,
  name TEXT NOT NULL,
  sex INTEGER NOT NULL,
  birth_date TEXT NOT NULL,
  id_number_cipher TEXT NOT NULL,
  id_number_masked TEXT NOT NULL,
  category INTEGER NOT NULL,
  guardian_name TEXT NOT NULL,
  guardian_relation INTEGER NOT NULL,
  guardian_mobile_cipher TEXT NOT NULL,
  guardian_mobile_masked TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX children_division_id ON children (division_code, id);

-- idempotency_keys comes from the shared migrations (common/migrations).
