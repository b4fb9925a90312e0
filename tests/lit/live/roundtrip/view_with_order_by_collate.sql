-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (s text);
CREATE VIEW v AS SELECT s FROM t ORDER BY s COLLATE "C" DESC NULLS LAST;
