-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a timetz[], b interval[], c date[], d money[]);
