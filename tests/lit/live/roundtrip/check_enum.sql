-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE st AS ENUM ('a', 'b', 'c');
CREATE TABLE t (s st CHECK (s <> 'c'), ss st CHECK (ss IN ('a', 'b')));
