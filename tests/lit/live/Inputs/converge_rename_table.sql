CREATE TABLE orgs (id int PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE members (id int PRIMARY KEY, org_id int REFERENCES orgs (id), nick text);
CREATE INDEX members_nick_idx ON members (nick);
CREATE VIEW org_sizes AS SELECT o.name, count(m.id) AS n FROM orgs o LEFT JOIN members m ON m.org_id = o.id GROUP BY o.name;
INSERT INTO orgs VALUES (1, 'acme'), (2, 'initech');
INSERT INTO members VALUES (10, 1, 'wile'), (11, 1, 'road'), (12, 2, 'peter');
