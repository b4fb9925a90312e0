-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE EXTENSION citext;
CREATE TABLE t (a text);
