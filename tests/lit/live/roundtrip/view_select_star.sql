-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b text);
CREATE VIEW v AS SELECT * FROM t;
