-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b int, CHECK (a IS NULL OR b IS NOT NULL), CHECK (a IS NOT NULL OR b IS NULL));
