-- The usual hand-written table: serial keys, rows already in.
CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE events (id bigserial PRIMARY KEY, item_id int REFERENCES items (id));
INSERT INTO items (name) VALUES ('a'), ('b'), ('c');
INSERT INTO events (item_id) VALUES (1), (3);
