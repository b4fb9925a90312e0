-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (z int, a int, m int, b text);
ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 5;
