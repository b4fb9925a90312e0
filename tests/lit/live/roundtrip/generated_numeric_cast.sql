-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (cents bigint, amount numeric(12,2) GENERATED ALWAYS AS (cents::numeric / 100) STORED);
