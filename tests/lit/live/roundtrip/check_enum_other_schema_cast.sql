-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA app;
CREATE TYPE app.st AS ENUM ('a', 'b');
CREATE TABLE app.t (s app.st CHECK (s <> 'a'::app.st), ss app.st[] CHECK ('b' = ANY (ss)));
CREATE TABLE public.keep (k int);
