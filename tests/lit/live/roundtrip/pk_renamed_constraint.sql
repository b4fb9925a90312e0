-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id int PRIMARY KEY);
ALTER TABLE t RENAME CONSTRAINT t_pkey TO "Primary Of T";
