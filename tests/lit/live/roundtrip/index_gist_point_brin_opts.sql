-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (p point, at timestamptz);
CREATE INDEX t_p ON t USING gist (p);
CREATE INDEX t_at ON t USING brin (at) WITH (pages_per_range = 32);
