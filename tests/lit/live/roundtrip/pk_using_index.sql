-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id int NOT NULL);
CREATE UNIQUE INDEX t_id_idx ON t (id);
ALTER TABLE t ADD CONSTRAINT t_id_pk PRIMARY KEY USING INDEX t_id_idx;
