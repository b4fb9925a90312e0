-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, g int);
CREATE VIEW v AS SELECT a, row_number() OVER (PARTITION BY g ORDER BY a) AS rn FROM t UNION ALL SELECT 0, 0;
