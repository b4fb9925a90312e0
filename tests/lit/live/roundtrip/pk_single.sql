-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id int PRIMARY KEY);
