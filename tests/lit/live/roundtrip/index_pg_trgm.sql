-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE EXTENSION pg_trgm;
CREATE TABLE t (s text);
CREATE INDEX t_s_trgm ON t USING gin (s gin_trgm_ops);
