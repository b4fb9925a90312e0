-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (owner text, a int);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON t USING (owner = current_user);
