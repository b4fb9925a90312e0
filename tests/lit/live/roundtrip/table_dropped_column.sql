-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b text, c int);
ALTER TABLE t DROP COLUMN b;
ALTER TABLE t ADD COLUMN d text;
