-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, CONSTRAINT a_once UNIQUE (a) DEFERRABLE INITIALLY DEFERRED);
