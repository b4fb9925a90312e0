-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id serial PRIMARY KEY, name text);
