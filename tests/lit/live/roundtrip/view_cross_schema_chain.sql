-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TABLE a.t (x int);
CREATE VIEW b.v AS SELECT x FROM a.t;
CREATE VIEW a.w AS SELECT x FROM b.v;
CREATE TABLE public.keep (k int);
