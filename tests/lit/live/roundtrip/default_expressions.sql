-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int DEFAULT (1 + 2), b text DEFAULT lower('ABC'), c text DEFAULT 'a' || 'b', d bigint DEFAULT (2 ^ 10)::bigint, e numeric DEFAULT round(random()::numeric, 2));
