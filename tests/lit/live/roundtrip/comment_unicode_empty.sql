-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b int);
COMMENT ON TABLE t IS 'ünïcödé ✓ 日本';
COMMENT ON COLUMN t.b IS '';
