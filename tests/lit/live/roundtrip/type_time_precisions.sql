-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a time, b time(0), c time(3), d timetz, e timetz(2));
