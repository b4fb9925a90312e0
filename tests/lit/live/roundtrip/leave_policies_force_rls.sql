-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
ALTER TABLE t FORCE ROW LEVEL SECURITY;
