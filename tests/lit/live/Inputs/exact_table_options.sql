CREATE TABLE t (b text, a int) WITH (fillfactor = 70);
CREATE UNLOGGED TABLE u (id int);
CREATE TABLE v (id int) WITH (fillfactor = 90, autovacuum_enabled = false);
