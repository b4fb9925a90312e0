CREATE TABLE t (id int PRIMARY KEY, email text, code text UNIQUE);
CREATE UNIQUE INDEX t_email_key ON t (email);
INSERT INTO t VALUES (1, 'a', 'c');
