-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a integer, b bigint, c smallint);
