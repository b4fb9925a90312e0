-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE st AS ENUM ('a');
COMMENT ON TYPE st IS 'the state
of things';
