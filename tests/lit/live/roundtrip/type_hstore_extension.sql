-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- XFAIL: *
-- Known limitation: the source does not say that it needs the hstore extension (no `requires` yet).
CREATE EXTENSION hstore;
CREATE TABLE t (h hstore);
