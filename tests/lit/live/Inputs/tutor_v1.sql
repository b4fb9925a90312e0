-- The tutor app as its hand-written migration script left it (see the seed).
CREATE TABLE users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), email varchar(320) NOT NULL UNIQUE, name text);
CREATE TABLE quiz_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  status varchar(20) DEFAULT 'active' CHECK (status IN ('active', 'done')),
  current_term_index integer DEFAULT 0,
  total_terms integer NOT NULL,
  started_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_quiz_sessions_user ON quiz_sessions (user_id);
CREATE INDEX quiz_sessions_lower_idx ON quiz_sessions (lower(status)) WHERE total_terms > 0;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
INSERT INTO users (email, name) VALUES ('a@example.com', 'Ann'), ('b@example.com', 'Bob');
INSERT INTO quiz_sessions (user_id, total_terms) SELECT id, 10 FROM users;
