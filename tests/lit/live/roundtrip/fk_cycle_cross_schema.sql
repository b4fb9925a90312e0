-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA x;
CREATE SCHEMA y;
CREATE TABLE x.a (id int PRIMARY KEY, b int);
CREATE TABLE y.b (id int PRIMARY KEY, a int REFERENCES x.a);
ALTER TABLE x.a ADD FOREIGN KEY (b) REFERENCES y.b;
CREATE TABLE public.keep (k int);
