-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA rpt;
CREATE TABLE public.t (a int);
CREATE VIEW rpt.v AS SELECT a FROM public.t;
