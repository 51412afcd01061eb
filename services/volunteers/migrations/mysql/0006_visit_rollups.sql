-- Contact visits per division prefix (level 2, 4, 6, 9 and 12 digits), day and kind, and the
-- children each prefix's contact visits reached in a year; both kept in the transaction of every
-- visit recorded (visits never change), so a district's year is read from a few thousand rollup
-- rows and its children once each, not from every visit. Filled here from the visits so far.
CREATE TABLE visit_rollup (
  level TINYINT NOT NULL,
  prefix VARCHAR(12) NOT NULL,
  visited_on CHAR(10) NOT NULL,
  kind TINYINT NOT NULL,
  visits BIGINT NOT NULL,
  goods_fen BIGINT NOT NULL,
  PRIMARY KEY (level, prefix, visited_on, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE visit_children (
  level TINYINT NOT NULL,
  prefix VARCHAR(12) NOT NULL,
  year SMALLINT NOT NULL,
  child_id VARCHAR(40) NOT NULL,
  PRIMARY KEY (level, prefix, year, child_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO visit_rollup (level, prefix, visited_on, kind, visits, goods_fen)
  SELECT 2, SUBSTR(division_code, 1, 2), visited_on, kind, COUNT(*), SUM(goods_fen) FROM visits
  WHERE contact_made = 1 GROUP BY SUBSTR(division_code, 1, 2), visited_on, kind;
INSERT INTO visit_children (level, prefix, year, child_id)
  SELECT DISTINCT 2, SUBSTR(division_code, 1, 2), CAST(SUBSTR(visited_on, 1, 4) AS SIGNED), child_id FROM visits WHERE contact_made = 1;

INSERT INTO visit_rollup (level, prefix, visited_on, kind, visits, goods_fen)
  SELECT 4, SUBSTR(division_code, 1, 4), visited_on, kind, COUNT(*), SUM(goods_fen) FROM visits
  WHERE contact_made = 1 GROUP BY SUBSTR(division_code, 1, 4), visited_on, kind;
INSERT INTO visit_children (level, prefix, year, child_id)
  SELECT DISTINCT 4, SUBSTR(division_code, 1, 4), CAST(SUBSTR(visited_on, 1, 4) AS SIGNED), child_id FROM visits WHERE contact_made = 1;

INSERT INTO visit_rollup (level, prefix, visited_on, kind, visits, goods_fen)
  SELECT 6, SUBSTR(division_code, 1, 6), visited_on, kind, COUNT(*), SUM(goods_fen) FROM visits
  WHERE contact_made = 1 GROUP BY SUBSTR(division_code, 1, 6), visited_on, kind;
INSERT INTO visit_children (level, prefix, year, child_id)
  SELECT DISTINCT 6, SUBSTR(division_code, 1, 6), CAST(SUBSTR(visited_on, 1, 4) AS SIGNED), child_id FROM visits WHERE contact_made = 1;

INSERT INTO visit_rollup (level, prefix, visited_on, kind, visits, goods_fen)
  SELECT 9, SUBSTR(division_code, 1, 9), visited_on, kind, COUNT(*), SUM(goods_fen) FROM visits
  WHERE contact_made = 1 GROUP BY SUBSTR(division_code, 1, 9), visited_on, kind;
INSERT INTO visit_children (level, prefix, year, child_id)
  SELECT DISTINCT 9, SUBSTR(division_code, 1, 9), CAST(SUBSTR(visited_on, 1, 4) AS SIGNED), child_id FROM visits WHERE contact_made = 1;

INSERT INTO visit_rollup (level, prefix, visited_on, kind, visits, goods_fen)
  SELECT 12, SUBSTR(division_code, 1, 12), visited_on, kind, COUNT(*), SUM(goods_fen) FROM visits
  WHERE contact_made = 1 GROUP BY SUBSTR(division_code, 1, 12), visited_on, kind;
INSERT INTO visit_children (level, prefix, year, child_id)
  SELECT DISTINCT 12, SUBSTR(division_code, 1, 12), CAST(SUBSTR(visited_on, 1, 4) AS SIGNED), child_id FROM visits WHERE contact_made = 1;
