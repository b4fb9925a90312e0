-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int[], b text[], c varchar(10)[], d numeric(8,3)[], e timestamptz[], f uuid[], g jsonb[]);
