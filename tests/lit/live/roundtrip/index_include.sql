-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b text, c text);
CREATE INDEX t_a_inc ON t (a) INCLUDE (b, c);
CREATE UNIQUE INDEX t_a_uinc ON t (a) INCLUDE (b);
