CREATE TYPE old_kind AS ENUM ('x', 'y');
CREATE TABLE t (id int PRIMARY KEY, k old_kind CHECK (k <> 'y'));
CREATE INDEX t_k_idx ON t (id) WHERE k <> 'x';
