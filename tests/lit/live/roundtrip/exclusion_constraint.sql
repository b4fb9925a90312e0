-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (r int4range, EXCLUDE USING gist (r WITH &&));
