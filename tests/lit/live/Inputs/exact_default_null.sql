CREATE TABLE t (id int PRIMARY KEY, a text DEFAULT NULL, b int DEFAULT NULL::integer);
