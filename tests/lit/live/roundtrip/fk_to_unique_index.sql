-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE p (id int PRIMARY KEY, code text);
CREATE UNIQUE INDEX p_code ON p (code);
CREATE TABLE c (code text REFERENCES p (code));
