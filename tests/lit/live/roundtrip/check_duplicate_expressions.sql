-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, CONSTRAINT c1 CHECK (a > 0), CONSTRAINT c2 CHECK (a > 0));
