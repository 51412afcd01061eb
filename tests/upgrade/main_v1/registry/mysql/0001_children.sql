-- Every person's resident ID number appears once across the registry, found by its HMAC blind
-- index; the number itself lives only encrypted beside the record.
CREATE TABLE person_identities (
  id_number_index CHAR(64) NOT NULL PRIMARY KEY,
  person_id VARCHAR(40) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE children (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  division_code CHAR(12) NOT NULL,
  name VARCHAR(64) NOT NULL,
  sex TINYINT NOT NULL,
  birth_date CHAR(10) NOT NULL,
  id_number_cipher VARCHAR(128) NOT NULL,
  id_number_masked CHAR(18) NOT NULL,
  category TINYINT NOT NULL,
  guardian_name VARCHAR(64) NOT NULL,
  guardian_relation TINYINT NOT NULL,
  guardian_mobile_cipher VARCHAR(128) NOT NULL,
  guardian_mobile_masked CHAR(11) NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  KEY children_division_id (division_code, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE idempotency_keys (
  subject VARCHAR(200) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  method VARCHAR(100) NOT NULL,
  request_hash CHAR(64) NOT NULL,
  response MEDIUMTEXT NOT NULL,
  created_at VARCHAR(32) NOT NULL,
  PRIMARY KEY (subject, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
