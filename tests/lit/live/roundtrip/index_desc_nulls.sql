-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b int, c int, d int);
CREATE INDEX t_1 ON t (a DESC);
CREATE INDEX t_2 ON t (b NULLS FIRST);
CREATE INDEX t_3 ON t (c DESC NULLS LAST);
CREATE INDEX t_4 ON t (a ASC, b DESC NULLS LAST, d NULLS FIRST);
