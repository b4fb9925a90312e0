-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
COMMENT ON VIEW v IS 'a view';
COMMENT ON COLUMN v.a IS 'view column';
