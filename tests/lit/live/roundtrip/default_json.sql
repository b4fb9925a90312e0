-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a jsonb DEFAULT '{}', b json DEFAULT '[]', c jsonb DEFAULT '{"k": [1, 2]}'::jsonb, d jsonb DEFAULT 'null');
