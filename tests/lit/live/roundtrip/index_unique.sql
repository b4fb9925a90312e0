-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b int);
CREATE UNIQUE INDEX t_ab ON t (a, b);
CREATE UNIQUE INDEX t_a_partial ON t (a) WHERE b > 0;
