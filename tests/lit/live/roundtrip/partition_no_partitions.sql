-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE m (at timestamptz NOT NULL) PARTITION BY RANGE (at);
