-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a jsonb DEFAULT '{"it''s": "a \"q\""}', b jsonb DEFAULT jsonb_build_object('k', 1));
