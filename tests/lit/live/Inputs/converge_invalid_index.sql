CREATE TABLE t (id int, email text);
INSERT INTO t VALUES (1, 'a'), (2, 'a');
