-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
CREATE VIEW v AS WITH big AS (SELECT a FROM t WHERE a > 10) SELECT count(*) AS n FROM big;
