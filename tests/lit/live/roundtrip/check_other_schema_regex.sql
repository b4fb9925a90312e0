-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA v;
CREATE TABLE v.t (zip text CONSTRAINT zip_fmt CHECK (zip ~ '^\d{5}(-\d{4})?$'), s text CHECK (s SIMILAR TO '[a-z]+'));
CREATE TABLE public.keep (k int);
