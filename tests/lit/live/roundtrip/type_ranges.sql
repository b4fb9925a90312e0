-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int4range, b daterange, c int8range, d numrange, e tstzrange, f tsrange);
