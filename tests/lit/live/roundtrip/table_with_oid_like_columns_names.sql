-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (xmin_ int, ctid_ int, "xmin x" int, tableoid2 int);
