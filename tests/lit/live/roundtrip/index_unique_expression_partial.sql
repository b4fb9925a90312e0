-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (email text, deleted_at timestamptz);
CREATE UNIQUE INDEX t_email ON t (lower(email)) WHERE deleted_at IS NULL;
