-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id int PRIMARY KEY);
CREATE INDEX t_id_again ON t (id);
