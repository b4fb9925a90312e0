-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (s text CHECK (s IN ('a', 'b', 'c')), n int CHECK (n IN (1, 2, 3)));
