-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b jsonb, c tsvector, d int4range, e timestamptz, f text);
CREATE INDEX t_a_btree ON t USING btree (a);
CREATE INDEX t_f_hash ON t USING hash (f);
CREATE INDEX t_b_gin ON t USING gin (b);
CREATE INDEX t_c_gin ON t USING gin (c);
CREATE INDEX t_d_gist ON t USING gist (d);
CREATE INDEX t_e_brin ON t USING brin (e);
