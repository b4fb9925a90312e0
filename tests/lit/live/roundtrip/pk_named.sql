-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id int CONSTRAINT my_key PRIMARY KEY);
