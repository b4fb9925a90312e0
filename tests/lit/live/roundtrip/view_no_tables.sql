-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE VIEW v AS SELECT 1 AS one, 'x'::text AS two, now() AS three;
