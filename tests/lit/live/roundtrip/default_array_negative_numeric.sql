-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a numeric(5,2)[] DEFAULT '{-1.50,2}', b int[] DEFAULT ARRAY[-1, -2], c varchar(4)[] DEFAULT '{ab}');
