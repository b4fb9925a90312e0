-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA s1;
CREATE TABLE t (a int);
CREATE TABLE s1.t (b int);
CREATE VIEW s1.v AS SELECT a FROM public.t;
