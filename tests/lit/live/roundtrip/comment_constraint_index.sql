-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0));
CREATE INDEX t_a ON t (a);
COMMENT ON CONSTRAINT a_pos ON t IS 'positive';
COMMENT ON INDEX t_a IS 'by a';
