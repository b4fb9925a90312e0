-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int DEFAULT COALESCE(NULL, 1), b text DEFAULT CASE WHEN random() > 0.5 THEN 'x' ELSE 'y' END);
