-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text CHECK (a = ANY (ARRAY['x', 'y'])), tags text[] CHECK (cardinality(tags) < 5));
