-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
CREATE INDEX t_a ON t (a) WITH (fillfactor = 70);
