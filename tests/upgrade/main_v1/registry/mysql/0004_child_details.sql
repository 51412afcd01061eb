-- The rest of a child's ledger entry (台账): where they live and study, why they are in
-- difficulty, where each parent is, and how much guardianship risk staff see.
ALTER TABLE children
  ADD COLUMN address VARCHAR(200) NOT NULL DEFAULT '',
  ADD COLUMN school VARCHAR(64) NOT NULL DEFAULT '',
  ADD COLUMN hardship_reasons VARCHAR(16) NOT NULL DEFAULT '',
  ADD COLUMN father_location TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN father_place VARCHAR(64) NOT NULL DEFAULT '',
  ADD COLUMN mother_location TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN mother_place VARCHAR(64) NOT NULL DEFAULT '',
  ADD COLUMN guardian_able_to_care TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN risk_level TINYINT NOT NULL DEFAULT 1,
  ADD COLUMN notes VARCHAR(500) NOT NULL DEFAULT '';
