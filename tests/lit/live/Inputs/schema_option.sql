-- Three schemas; the .schema file describes only app (and public.legacy).
CREATE TABLE legacy (id int PRIMARY KEY);
CREATE SCHEMA app;
CREATE TABLE app.items (id int PRIMARY KEY, name text);
CREATE SCHEMA other;
CREATE TABLE other.keep (id int PRIMARY KEY);
