-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'three """ and '''''' quotes';
COMMENT ON COLUMN t.a IS '\';
