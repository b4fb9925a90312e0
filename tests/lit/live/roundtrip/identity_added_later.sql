-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id int NOT NULL);
ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
