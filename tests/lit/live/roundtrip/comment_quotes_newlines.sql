-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'it''s "quoted"
second line
	tabbed';
COMMENT ON COLUMN t.a IS E'back\\slash and \'single\'';
