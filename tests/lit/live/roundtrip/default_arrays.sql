-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int[] DEFAULT '{}', b text[] DEFAULT '{a,b}', c int[] DEFAULT ARRAY[1, 2, 3], d text[] DEFAULT ARRAY[]::text[]);
