-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE node (id int PRIMARY KEY, parent int REFERENCES node (id) ON DELETE CASCADE);
