-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a numeric(10,2), b numeric, c numeric(5), d numeric(20,0));
