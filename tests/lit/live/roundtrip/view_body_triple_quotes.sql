-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text);
CREATE VIEW v AS SELECT a, '"""' AS tq, '''''''' AS sq FROM t;
