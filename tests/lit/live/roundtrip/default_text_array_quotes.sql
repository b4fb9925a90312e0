-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text[] DEFAULT '{"a b","c,d",NULL}', b varchar(5)[] DEFAULT ARRAY['x']::varchar(5)[]);
