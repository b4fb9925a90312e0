-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
COMMENT ON MATERIALIZED VIEW mv IS 'materialized';
