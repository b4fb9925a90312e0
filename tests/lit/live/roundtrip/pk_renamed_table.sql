-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE old_name (id int PRIMARY KEY, v int UNIQUE);
ALTER TABLE old_name RENAME TO new_name;
