-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text, b int);
CREATE INDEX t_x ON t (lower(a) DESC NULLS LAST, (b * 2) NULLS FIRST);
