-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE SCHEMA c;
CREATE TABLE a.t (x int);
CREATE TABLE b.t (x int);
CREATE TABLE c.u (y int);
