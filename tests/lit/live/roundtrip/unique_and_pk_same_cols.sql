-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b int, PRIMARY KEY (a, b), CONSTRAINT t_ba UNIQUE (b, a));
