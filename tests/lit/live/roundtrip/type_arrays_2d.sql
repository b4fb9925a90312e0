-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int[][], b text[][], c integer[3][3]);
