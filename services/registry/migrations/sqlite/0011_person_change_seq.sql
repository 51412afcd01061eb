-- The change feed's numbers come from one counter row taken last in each writing transaction,
-- not from AUTO_INCREMENT: a number is then held only by a transaction that will commit next,
-- so numbers commit in order and with no holes (a rollback returns its number), on one server,
-- on a Galera cluster (whose auto_increment_increment leaves two of every three numbers unused)
-- and on engines whose AUTO_INCREMENT is not monotonic across servers. Followers never wait.
CREATE TABLE person_change_seq (
  id INTEGER PRIMARY KEY,
  last_seq INTEGER NOT NULL
);
INSERT INTO person_change_seq (id, last_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM person_changes;
