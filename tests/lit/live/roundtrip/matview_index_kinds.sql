-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- Indexes of a materialized view: unnamed (named by Postgres), partial, on an
-- expression, with a collation and an operator class, with INCLUDE columns.
CREATE TABLE t (a int, b text, c int);
CREATE MATERIALIZED VIEW mv AS SELECT a, b, sum(c) AS s FROM t GROUP BY a, b;
CREATE UNIQUE INDEX ON mv (a, b);
CREATE INDEX ON mv (lower(b) text_pattern_ops) WHERE s > 0;
CREATE INDEX mv_b ON mv (b COLLATE "C" DESC) INCLUDE (s);
CREATE INDEX mv_hash ON mv USING hash (a);
CREATE MATERIALIZED VIEW mv_plain AS SELECT a FROM t;
