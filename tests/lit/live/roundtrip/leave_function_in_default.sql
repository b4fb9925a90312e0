-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- XFAIL: *
-- Known limitation: a default calls a function that is left alone, so a database built from the source lacks it.
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$SELECT 'c' || floor(random() * 1000)::text$$;
CREATE TABLE t (code text DEFAULT next_code());
