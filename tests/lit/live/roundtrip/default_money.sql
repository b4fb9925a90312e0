-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a money DEFAULT 0);
