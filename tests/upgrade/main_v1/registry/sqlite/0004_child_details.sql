-- The rest of a child's ledger entry (台账): where they live and study, why they are in
-- difficulty, where each parent is, and how much guardianship risk staff see.
ALTER TABLE children ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE children ADD COLUMN school TEXT NOT NULL DEFAULT '';
ALTER TABLE children ADD COLUMN hardship_reasons TEXT NOT NULL DEFAULT '';
ALTER TABLE children ADD COLUMN father_location INTEGER NOT NULL DEFAULT 0;
ALTER TABLE children ADD COLUMN father_place TEXT NOT NULL DEFAULT '';
ALTER TABLE children ADD COLUMN mother_location INTEGER NOT NULL DEFAULT 0;
ALTER TABLE children ADD COLUMN mother_place TEXT NOT NULL DEFAULT '';
ALTER TABLE children ADD COLUMN guardian_able_to_care INTEGER NOT NULL DEFAULT 0;
ALTER TABLE children ADD COLUMN risk_level INTEGER NOT NULL DEFAULT 1;
ALTER TABLE children ADD COLUMN notes TEXT NOT NULL DEFAULT '';
