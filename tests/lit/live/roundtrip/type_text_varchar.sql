-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text, b varchar(20), c varchar, d char(3), e character(1), f char);
