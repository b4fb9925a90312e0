-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA x;
CREATE SCHEMA y;
CREATE TABLE x.t (a int);
CREATE TABLE y.t (a int);
CREATE INDEX idx ON x.t (a);
CREATE INDEX idx ON y.t (a);
