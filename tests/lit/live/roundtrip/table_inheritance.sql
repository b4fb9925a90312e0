-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE parent (id int, name text);
CREATE TABLE child (extra int) INHERITS (parent);
