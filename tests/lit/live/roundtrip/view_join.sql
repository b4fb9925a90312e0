-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE p (id int PRIMARY KEY, name text);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p);
CREATE VIEW pc AS SELECT c.id, p.name FROM c JOIN p ON p.id = c.p_id LEFT JOIN p p2 ON p2.id = c.id;
