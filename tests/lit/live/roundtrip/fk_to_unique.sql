-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE c (code text REFERENCES p (code));
