-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA e;
CREATE TYPE e.item AS ENUM ('a');
CREATE TABLE item (k e.item);
