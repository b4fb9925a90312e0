-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (j jsonb CHECK (jsonb_typeof(j) = 'object'), k jsonb CHECK (j ? 'id'));
