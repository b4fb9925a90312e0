-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE pair AS (x int, y int);
CREATE TABLE t (a int);
