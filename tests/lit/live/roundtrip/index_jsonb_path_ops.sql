-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (j jsonb);
CREATE INDEX t_j ON t USING gin (j jsonb_path_ops);
