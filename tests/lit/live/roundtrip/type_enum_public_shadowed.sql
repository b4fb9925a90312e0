-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA s1;
CREATE TYPE mood AS ENUM ('x');
CREATE TYPE s1.mood AS ENUM ('y');
CREATE TABLE s1.t (m public.mood, n s1.mood);
