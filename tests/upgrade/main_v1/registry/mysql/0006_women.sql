-- Low-income women (低收入妇女) and their cancer screenings (两癌筛查). Hardship categories are a
-- bit set (bit n for category n) so a list can filter on one of them with an index-free test.
CREATE TABLE women (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  division_code CHAR(12) NOT NULL,
  name VARCHAR(64) NOT NULL,
  birth_date CHAR(10) NOT NULL,
  id_number_cipher VARCHAR(128) NOT NULL,
  id_number_masked CHAR(18) NOT NULL,
  mobile_cipher VARCHAR(128) NOT NULL,
  mobile_masked VARCHAR(11) NOT NULL,
  hardship_mask INT NOT NULL,
  household_size INT NOT NULL,
  monthly_income_fen BIGINT NOT NULL,
  notes VARCHAR(500) NOT NULL,
  cancer_patient TINYINT NOT NULL DEFAULT 0,
  status TINYINT NOT NULL DEFAULT 1,
  exit_reason TINYINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at VARCHAR(32) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  KEY women_division_id (division_code, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE screenings (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  woman_id VARCHAR(40) NOT NULL,
  screened_on CHAR(10) NOT NULL,
  screening_type TINYINT NOT NULL,
  result TINYINT NOT NULL,
  facility VARCHAR(64) NOT NULL,
  recorded_at VARCHAR(32) NOT NULL,
  recorded_by VARCHAR(200) NOT NULL,
  KEY screenings_woman (woman_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
