-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (email text CHECK (email ~ '^[^@]+@[^@]+$'), code text CHECK (code ~* '^[a-z]{3}$'), x text CHECK (x !~ '\s'));
