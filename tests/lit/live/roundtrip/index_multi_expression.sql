-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text, b text, c int);
CREATE INDEX t_multi ON t (lower(a), upper(b), (c + 1), c);
