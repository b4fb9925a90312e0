-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA s;
CREATE TABLE s.t (a text, b text GENERATED ALWAYS AS (upper(a) || '!') STORED);
CREATE TABLE public.keep (k int);
