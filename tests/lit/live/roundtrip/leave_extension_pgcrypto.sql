-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- XFAIL: *
-- Known limitation: the source does not say that it needs the pgcrypto extension.
CREATE EXTENSION pgcrypto;
CREATE TABLE t (id uuid DEFAULT gen_random_uuid(), h bytea DEFAULT digest('x', 'sha256'));
