-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE FOREIGN DATA WRAPPER dummy;
CREATE SERVER srv FOREIGN DATA WRAPPER dummy;
CREATE FOREIGN TABLE ft (a int) SERVER srv;
CREATE TABLE t (a int);
