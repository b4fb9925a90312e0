-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (g text, x numeric);
CREATE VIEW v AS SELECT g, sum(x) AS total, avg(x) AS mean, count(*) FILTER (WHERE x > 0) AS pos FROM t GROUP BY g HAVING count(*) > 1 ORDER BY g;
