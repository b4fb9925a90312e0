-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (n int CHECK (n BETWEEN 0 AND 100), d date CHECK (d BETWEEN '2000-01-01' AND '2100-01-01'));
