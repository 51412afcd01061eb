-- The history keeps every person's changes, children's and women's alike: named for persons.
ALTER TABLE child_status_history RENAME TO person_history;
ALTER TABLE person_history RENAME COLUMN child_id TO person_id;
DROP INDEX child_status_history_child;
CREATE INDEX person_history_person ON person_history (person_id, id);
