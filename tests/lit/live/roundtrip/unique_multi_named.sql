-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b int, c int, CONSTRAINT ab_once UNIQUE (a, b), UNIQUE (c, b));
