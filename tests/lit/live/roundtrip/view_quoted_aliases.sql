-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b text);
CREATE VIEW v AS SELECT a AS "Total Count", b AS "it's", a + 1 AS "select", b AS "with""quote" FROM t;
