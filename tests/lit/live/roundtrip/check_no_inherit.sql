-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (n int, CONSTRAINT n_pos CHECK (n > 0) NO INHERIT);
