-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b int, CONSTRAINT "U (a)" UNIQUE (a), CONSTRAINT "u.b" UNIQUE (b));
