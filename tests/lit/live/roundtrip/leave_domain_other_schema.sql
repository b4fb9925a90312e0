-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA d;
CREATE DOMAIN d.email AS text CHECK (VALUE LIKE '%@%');
CREATE TABLE public.t (a int);
