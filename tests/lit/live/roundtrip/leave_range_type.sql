-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TABLE t (a int);
