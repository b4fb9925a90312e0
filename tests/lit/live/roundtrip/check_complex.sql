-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b text, d date, CHECK (a IS DISTINCT FROM 0), CHECK (COALESCE(b, '') <> 'bad'), CHECK (CASE WHEN a > 0 THEN b IS NOT NULL ELSE true END), CHECK (d > '2000-01-01'::date + 1));
