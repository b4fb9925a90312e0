CREATE TABLE t (id int, c timestamptz DEFAULT 'now');
