-- The figures for reports count people by division, registration time and status in one pass
-- over an index that holds every column they read, never the rows themselves.
CREATE INDEX children_summary ON children (division_code, created_at, status, category);
CREATE INDEX women_summary ON women (division_code, created_at, status, cancer_patient);
-- Exits of a period by reason are read from the history by time.
CREATE INDEX person_history_changed ON person_history (changed_at);
