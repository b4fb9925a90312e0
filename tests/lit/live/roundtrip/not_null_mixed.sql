-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int NOT NULL, b text NOT NULL DEFAULT 'x', c int);
