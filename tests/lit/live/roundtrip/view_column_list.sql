-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b text);
CREATE VIEW v (x, y) AS SELECT a, b FROM t;
