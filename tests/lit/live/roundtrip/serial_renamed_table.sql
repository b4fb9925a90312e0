-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE old (id serial PRIMARY KEY);
ALTER TABLE old RENAME TO new;
