-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA app;
CREATE TYPE app.state AS ENUM ('on', 'off');
CREATE TABLE public.t (s app.state, ss app.state[]);
