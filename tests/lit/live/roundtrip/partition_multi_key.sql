-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE m (a int, b int) PARTITION BY RANGE (a, b);
CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0, 0) TO (10, 10);
