-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id bigserial PRIMARY KEY, s smallserial);
