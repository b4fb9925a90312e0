-- serial columns and a free-standing sequence used by a default.
CREATE TABLE items (id serial PRIMARY KEY, name text);
CREATE TABLE big (id bigserial PRIMARY KEY);
CREATE SEQUENCE free_seq;
CREATE TABLE other (n bigint DEFAULT nextval('free_seq'));
INSERT INTO items (name) VALUES ('a');
