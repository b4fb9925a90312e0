-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v jsonb);
