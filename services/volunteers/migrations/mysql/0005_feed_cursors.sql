-- Where this service is in another's change feed (the registry's person_changes), kept in the
-- transaction of the effects it drove.
CREATE TABLE feed_cursors (
  name VARCHAR(40) NOT NULL PRIMARY KEY,
  position BIGINT NOT NULL,
  updated_at VARCHAR(32) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
