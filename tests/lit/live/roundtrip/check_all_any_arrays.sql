-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (xs int[] CHECK (0 < ALL (xs)), ys text[] CHECK (NOT ('' = ANY (ys))), zs int[] CHECK (array_length(zs, 1) <= 3));
