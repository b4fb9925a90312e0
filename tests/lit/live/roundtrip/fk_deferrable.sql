-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (p int REFERENCES p DEFERRABLE INITIALLY DEFERRED, q int REFERENCES p DEFERRABLE);
