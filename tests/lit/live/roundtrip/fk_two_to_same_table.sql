-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE person (id int PRIMARY KEY);
CREATE TABLE msg (sender int NOT NULL REFERENCES person, receiver int NOT NULL REFERENCES person ON DELETE CASCADE);
