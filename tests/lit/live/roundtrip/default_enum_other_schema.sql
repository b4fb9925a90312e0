-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA app;
CREATE TYPE app.st AS ENUM ('new', 'done');
CREATE TABLE public.t (s app.st DEFAULT 'done'::app.st);
