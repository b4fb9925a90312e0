-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a uuid, b json, c jsonb);
