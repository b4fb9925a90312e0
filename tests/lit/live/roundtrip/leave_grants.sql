-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
GRANT SELECT ON t TO PUBLIC;
