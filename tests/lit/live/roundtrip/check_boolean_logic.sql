-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a boolean, b int, CHECK (NOT a OR b > 0), CHECK (a AND b < 10 OR NOT a));
