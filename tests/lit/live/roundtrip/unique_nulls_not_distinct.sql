-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, CONSTRAINT a_once UNIQUE NULLS NOT DISTINCT (a));
