-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
CREATE MATERIALIZED VIEW mv AS SELECT DISTINCT a FROM t;
CREATE UNIQUE INDEX mv_a ON mv (a);
