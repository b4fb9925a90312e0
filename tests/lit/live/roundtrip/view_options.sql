-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
CREATE VIEW v WITH (security_barrier) AS SELECT a FROM t;
CREATE VIEW w AS SELECT a FROM t WHERE a > 0 WITH CHECK OPTION;
