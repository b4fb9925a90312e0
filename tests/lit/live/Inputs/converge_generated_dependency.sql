CREATE TABLE people (id int PRIMARY KEY, name text COLLATE "C", up text GENERATED ALWAYS AS (upper(name)) STORED);
CREATE TABLE counts (id int PRIMARY KEY, a int, twice bigint GENERATED ALWAYS AS (a * 2) STORED);
INSERT INTO people (id, name) VALUES (1, 'ann'), (2, 'bob');
INSERT INTO counts (id, a) VALUES (1, 21);
