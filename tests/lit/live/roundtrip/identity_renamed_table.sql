-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE old (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
ALTER TABLE old RENAME TO new;
