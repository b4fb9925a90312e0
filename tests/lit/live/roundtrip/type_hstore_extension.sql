-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE EXTENSION hstore;
CREATE TABLE t (h hstore);
