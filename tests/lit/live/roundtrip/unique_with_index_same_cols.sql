-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, CONSTRAINT t_a_u UNIQUE (a));
CREATE UNIQUE INDEX t_a_ui ON t (a);
