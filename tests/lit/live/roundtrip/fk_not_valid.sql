-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (p int);
ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (p) REFERENCES p NOT VALID;
