-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (lo int, hi int, CONSTRAINT lo_le_hi CHECK (lo <= hi));
