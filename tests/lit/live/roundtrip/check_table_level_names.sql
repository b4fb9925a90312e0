-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b int, CONSTRAINT "A check" CHECK (a > 0), CONSTRAINT t_b_check CHECK (b > 0), CHECK (a + b > 0));
