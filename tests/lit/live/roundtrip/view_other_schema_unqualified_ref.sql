-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA s1;
CREATE TABLE s1.t (a int);
CREATE VIEW v AS SELECT a FROM s1.t;
