-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE st AS ENUM ('a');
CREATE TABLE t (s st, u uuid);
CREATE INDEX t_s ON t (s);
CREATE INDEX t_u ON t USING hash (u);
