-- The history keeps every person's changes, children's and women's alike: named for persons.
ALTER TABLE child_status_history RENAME TO person_history;
ALTER TABLE person_history RENAME COLUMN child_id TO person_id;
ALTER TABLE person_history RENAME INDEX child_status_history_child TO person_history_person;
