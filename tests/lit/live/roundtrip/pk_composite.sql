-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b text, PRIMARY KEY (b, a));
