-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA s;
CREATE TYPE s.k AS ENUM ('a', 'b');
CREATE TABLE s.m (k s.k NOT NULL, v int) PARTITION BY LIST (k);
CREATE TABLE s.m_a PARTITION OF s.m FOR VALUES IN ('a');
CREATE INDEX m_v ON s.m (v);
CREATE TABLE public.keep (k int);
