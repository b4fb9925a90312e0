-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA s2;
CREATE TABLE t (a int);
CREATE TABLE s2.t (b int);
CREATE VIEW s2.v AS SELECT b FROM s2.t;
CREATE VIEW v AS SELECT a FROM t;
