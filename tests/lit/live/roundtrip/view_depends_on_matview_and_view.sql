-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
CREATE MATERIALIZED VIEW m AS SELECT a FROM t;
CREATE VIEW v AS SELECT a FROM t;
CREATE VIEW w AS SELECT m.a FROM m JOIN v USING (a);
