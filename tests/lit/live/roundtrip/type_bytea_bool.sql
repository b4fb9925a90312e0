-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a bytea, b boolean);
