-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE st AS ENUM ('a', 'b');
CREATE TABLE t (x st[] DEFAULT ARRAY['a']::st[], y st[] DEFAULT '{}');
