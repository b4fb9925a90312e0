-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA a;
CREATE TABLE a.t (x int);
