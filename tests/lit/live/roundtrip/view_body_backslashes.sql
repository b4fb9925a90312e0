-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text);
CREATE VIEW v AS SELECT a FROM t WHERE a ~ '\d+\.\n' OR a = E'\\';
