-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE FUNCTION add1(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
CREATE TABLE t (a int);
