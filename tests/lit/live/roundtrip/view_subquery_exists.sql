-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE p (id int);
CREATE TABLE c (p int);
CREATE VIEW v AS SELECT id FROM p WHERE EXISTS (SELECT 1 FROM c WHERE c.p = p.id) AND id IN (SELECT p FROM c);
