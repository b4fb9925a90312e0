-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b int, total int GENERATED ALWAYS AS (a + b) STORED);
