-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA empty_one;
