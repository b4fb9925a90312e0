-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
CREATE SEQUENCE t_seq OWNED BY t.a;
