-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (email text);
CREATE INDEX t_lower ON t (lower(email));
