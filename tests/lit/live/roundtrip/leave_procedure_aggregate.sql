-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';
CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int);
CREATE TABLE t (a int);
