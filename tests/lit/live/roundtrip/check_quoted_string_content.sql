-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (s text CHECK (s <> 'it''s') CHECK (s <> E'a\nb') CHECK (s NOT LIKE '%\_%'));
