-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, g int GENERATED ALWAYS AS (id * 2) STORED);
COMMENT ON COLUMN t.id IS 'id';
COMMENT ON COLUMN t.g IS 'doubled';
