-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA part;
CREATE TABLE part.m (k int) PARTITION BY LIST (k);
CREATE TABLE part.m1 PARTITION OF part.m FOR VALUES IN (1);
CREATE TABLE public.keep (k int);
