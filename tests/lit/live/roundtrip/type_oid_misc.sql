-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a oid, b "char", c name);
