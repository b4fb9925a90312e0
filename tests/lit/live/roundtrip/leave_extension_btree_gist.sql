-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE EXTENSION btree_gist;
CREATE TABLE t (a int, r tstzrange, EXCLUDE USING gist (a WITH =, r WITH &&));
