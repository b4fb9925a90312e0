-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TYPE a.kind AS ENUM ('x');
CREATE TYPE b.kind AS ENUM ('y', 'z');
CREATE TABLE a.t (k a.kind, k2 b.kind);
