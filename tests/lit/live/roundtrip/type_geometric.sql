-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a point, b box, c line, d lseg, e path, f polygon, g circle);
