CREATE TABLE orgs (id int PRIMARY KEY, code text);
CREATE TABLE users (id int, org_id int REFERENCES orgs (id) ON DELETE CASCADE, email text, age int CHECK (age > 0), CONSTRAINT users_email_key UNIQUE (email));
CREATE TABLE pairs (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));
INSERT INTO orgs VALUES (1, 'x'), (2, 'y');
INSERT INTO users VALUES (1, 1, 'a@x', 20), (2, 2, 'b@x', 30), (3, NULL, NULL, NULL);
INSERT INTO pairs VALUES (1, 2), (2, 1);
CREATE TABLE shops (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE sales (id int PRIMARY KEY, shop_code text REFERENCES shops (code));
INSERT INTO shops VALUES (1, 'x'); INSERT INTO sales VALUES (1, 'x');
