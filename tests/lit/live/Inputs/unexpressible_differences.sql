CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE q (id int PRIMARY KEY, p_id int, email text, v int);
CREATE UNIQUE INDEX q_nnd ON q (v) NULLS NOT DISTINCT;
ALTER TABLE q ADD CONSTRAINT q_p_id_fkey FOREIGN KEY (p_id) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX q_email_pattern ON q (email text_pattern_ops);
