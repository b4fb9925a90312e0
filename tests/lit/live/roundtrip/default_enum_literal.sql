-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE st AS ENUM ('new', 'done');
CREATE TABLE t (s st NOT NULL DEFAULT 'new', a st[] DEFAULT '{new,done}');
