-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE odd AS ENUM ('it''s', 'with space', 'UPPER', 'ünï', 'select', '');
CREATE TABLE t (o odd DEFAULT 'it''s');
