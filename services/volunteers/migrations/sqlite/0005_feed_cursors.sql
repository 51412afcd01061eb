-- Where this service is in another's change feed (the registry's person_changes), kept in the
-- transaction of the effects it drove.
CREATE TABLE feed_cursors (
  name TEXT NOT NULL PRIMARY KEY,
  position INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
