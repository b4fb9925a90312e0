-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE nothing ();
