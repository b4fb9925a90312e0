-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE EXTENSION pgcrypto;
CREATE TABLE t (id uuid DEFAULT gen_random_uuid(), h bytea DEFAULT digest('x', 'sha256'));
