-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA app;
CREATE TYPE app.st AS ENUM ('x');
COMMENT ON TYPE app.st IS 'App''s "state"';
CREATE TABLE public.keep (k int);
