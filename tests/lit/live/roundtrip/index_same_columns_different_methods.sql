-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int4range);
CREATE INDEX t_a_btree ON t (a);
CREATE INDEX t_a_gist ON t USING gist (a);
CREATE INDEX t_a_hash ON t USING hash (a);
