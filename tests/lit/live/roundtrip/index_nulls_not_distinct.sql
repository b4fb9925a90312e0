-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
CREATE UNIQUE INDEX t_a ON t (a) NULLS NOT DISTINCT;
