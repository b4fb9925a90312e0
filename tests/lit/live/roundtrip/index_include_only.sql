-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b int);
CREATE INDEX t_a ON t (a) INCLUDE (b);
