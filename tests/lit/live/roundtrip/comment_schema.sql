-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'application';
