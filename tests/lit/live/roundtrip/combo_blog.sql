-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE post_state AS ENUM ('draft', 'published');
CREATE TABLE author (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE);
CREATE TABLE post (id bigserial PRIMARY KEY, author_id bigint NOT NULL REFERENCES author ON DELETE CASCADE, title varchar(200) NOT NULL CHECK (length(title) > 0), state post_state NOT NULL DEFAULT 'draft', tags text[] NOT NULL DEFAULT '{}', created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX post_author ON post (author_id, created_at DESC);
CREATE VIEW published AS SELECT p.id, p.title, a.name FROM post p JOIN author a ON a.id = p.author_id WHERE p.state = 'published';
COMMENT ON TABLE post IS 'blog posts';
