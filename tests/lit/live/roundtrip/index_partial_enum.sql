-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE st AS ENUM ('on', 'off');
CREATE TABLE t (a int, s st);
CREATE INDEX t_on ON t (a) WHERE s = 'on';
