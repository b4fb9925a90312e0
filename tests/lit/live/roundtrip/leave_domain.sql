-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE TABLE t (a int);
