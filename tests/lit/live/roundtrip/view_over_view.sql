-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
CREATE VIEW v1 AS SELECT a FROM t;
CREATE VIEW v2 AS SELECT a * 2 AS b FROM v1;
CREATE VIEW v3 AS SELECT b FROM v2 JOIN v1 ON v1.a = v2.b;
