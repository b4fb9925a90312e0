-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE st AS ENUM ('a', 'c');
ALTER TYPE st ADD VALUE 'b' BEFORE 'c';
ALTER TYPE st ADD VALUE 'd';
CREATE TABLE t (s st);
