-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a boolean[], b bytea[], c inet[]);
