-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA s;
CREATE SEQUENCE s.seq;
CREATE TABLE public.t (a int);
