CREATE SCHEMA a; CREATE SCHEMA b;
CREATE TYPE a.mood AS ENUM ('sad', 'happy');
CREATE TYPE b.size AS ENUM ('s', 'l');
CREATE TYPE b.old_kind AS ENUM ('x', 'y');
CREATE TABLE b.t (id int PRIMARY KEY, m a.mood DEFAULT 'sad', s b.size, moods a.mood[], k b.old_kind, txt text);
CREATE INDEX t_m_idx ON b.t (m) WHERE m <> 'happy';
INSERT INTO b.t VALUES (1, 'happy', 'l', '{sad,happy}', 'y', 'm'), (2, 'sad', 's', NULL, NULL, NULL);
