-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (n int);
ALTER TABLE t ADD CONSTRAINT n_pos CHECK (n > 0) NOT VALID;
