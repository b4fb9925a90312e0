CREATE SCHEMA old;
CREATE TABLE old.stuff (id int);
CREATE TYPE unused AS ENUM ('a');
CREATE TABLE keep (id int PRIMARY KEY, gone text, also_gone int CHECK (also_gone > 0), stays text);
CREATE INDEX keep_gone_idx ON keep (gone);
CREATE TABLE dropme (id int PRIMARY KEY, keep_id int REFERENCES keep);
CREATE VIEW keep_v AS SELECT id, gone FROM keep;
INSERT INTO keep VALUES (1, 'g', 5, 's1'), (2, NULL, NULL, 's2');
INSERT INTO dropme VALUES (1, 1);
