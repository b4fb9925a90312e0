-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE a (id int PRIMARY KEY, parent int REFERENCES a, b_id int);
CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a ON DELETE CASCADE);
ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b ON DELETE SET NULL;
