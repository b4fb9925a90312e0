-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- XFAIL: *
-- Known limitation: the source does not say that it needs pg_trgm, and operator classes are not expressible.
CREATE EXTENSION pg_trgm;
CREATE TABLE t (s text);
CREATE INDEX t_s_trgm ON t USING gin (s gin_trgm_ops);
