-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE st AS ENUM ('a', 'b');
CREATE TABLE t (s st, n numeric(10,2));
CREATE VIEW v AS SELECT s, n::int AS ni, 'a'::st AS lit FROM t WHERE s = 'a';
