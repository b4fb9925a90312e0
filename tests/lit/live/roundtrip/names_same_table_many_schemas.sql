-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA s1;
CREATE SCHEMA s2;
CREATE TABLE t (id int PRIMARY KEY);
CREATE TABLE s1.t (id int PRIMARY KEY REFERENCES public.t);
CREATE TABLE s2.t (id int PRIMARY KEY REFERENCES s1.t);
