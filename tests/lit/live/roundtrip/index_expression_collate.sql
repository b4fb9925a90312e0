-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text);
CREATE INDEX t_a ON t (lower(a) COLLATE "C");
