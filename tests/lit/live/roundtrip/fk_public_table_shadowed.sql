-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA s1;
CREATE TABLE t (id int PRIMARY KEY);
CREATE TABLE s1.t (id int PRIMARY KEY, p int REFERENCES public.t);
