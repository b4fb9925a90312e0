-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id int NOT NULL);
ALTER TABLE t ADD CONSTRAINT t_identifier PRIMARY KEY (id);
