-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int UNIQUE, b text);
