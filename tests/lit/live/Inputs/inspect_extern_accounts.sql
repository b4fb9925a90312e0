CREATE SCHEMA accounts;
CREATE TABLE accounts.users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, name text);
CREATE TABLE accounts.orgs (code varchar(10) NOT NULL, region int NOT NULL, note text, CONSTRAINT orgs_code_region UNIQUE (code, region));
