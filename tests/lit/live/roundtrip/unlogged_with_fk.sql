-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE p (id int PRIMARY KEY);
CREATE UNLOGGED TABLE u (id int PRIMARY KEY, v text);
CREATE UNLOGGED TABLE u2 (u_id int REFERENCES u);
