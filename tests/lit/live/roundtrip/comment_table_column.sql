-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b text);
COMMENT ON TABLE t IS 'a table';
COMMENT ON COLUMN t.a IS 'column a';
