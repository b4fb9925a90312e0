-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
CREATE MATERIALIZED VIEW mv AS SELECT a FROM v;
CREATE VIEW v2 AS SELECT a FROM mv;
