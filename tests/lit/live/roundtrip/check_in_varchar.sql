-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (s varchar(10) CHECK (s IN ('a', 'b')), c char(1) CHECK (c IN ('x', 'y')));
