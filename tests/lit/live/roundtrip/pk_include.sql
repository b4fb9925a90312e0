-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id int, payload text, PRIMARY KEY (id) INCLUDE (payload));
