-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b text, CONSTRAINT a_u UNIQUE (a) INCLUDE (b));
