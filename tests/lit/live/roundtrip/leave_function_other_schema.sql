-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA util;
CREATE FUNCTION util.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE TABLE t (a int);
