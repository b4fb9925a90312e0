-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a tsvector, b tsquery, c xml);
