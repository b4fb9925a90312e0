-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE st AS ENUM ('a', 'b');
CREATE TABLE t (s st, is_a boolean GENERATED ALWAYS AS (s = 'a') STORED);
