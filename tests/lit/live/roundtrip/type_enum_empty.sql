-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE nothing AS ENUM ();
