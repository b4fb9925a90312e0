-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA app;
CREATE TYPE app.st AS ENUM ('a', 'b');
CREATE TABLE app.t (s app.st);
CREATE VIEW public.v AS SELECT s, s = 'a'::app.st AS is_a FROM app.t;
