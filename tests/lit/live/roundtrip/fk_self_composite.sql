-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE n (t int, id int, parent int, PRIMARY KEY (t, id), FOREIGN KEY (t, parent) REFERENCES n (t, id));
