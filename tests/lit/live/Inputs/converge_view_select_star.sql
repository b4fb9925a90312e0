CREATE TABLE users (id int PRIMARY KEY, email text);
CREATE VIEW v_star AS SELECT * FROM users;
INSERT INTO users VALUES (1, 'a@x');
