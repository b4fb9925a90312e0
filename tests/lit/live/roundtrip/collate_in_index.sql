-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text);
CREATE INDEX t_a_c ON t (a COLLATE "C");
