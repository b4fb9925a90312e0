CREATE SCHEMA accounts;
CREATE TABLE accounts.users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, name text);
CREATE TABLE accounts.orgs (code varchar(10) NOT NULL, region int NOT NULL, note text, CONSTRAINT orgs_code_region UNIQUE (code, region));
CREATE TABLE accounts.untouched (id int PRIMARY KEY);
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (
  id bigint PRIMARY KEY,
  user_id bigint REFERENCES accounts.users,
  email text REFERENCES accounts.users (email),
  org_code varchar(10),
  org_region int,
  FOREIGN KEY (org_code, org_region) REFERENCES accounts.orgs (code, region)
);
