-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE lonely AS ENUM ('a', 'b');
