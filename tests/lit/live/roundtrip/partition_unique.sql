-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE m (id int, k int, CONSTRAINT m_u UNIQUE (k, id)) PARTITION BY LIST (k);
CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1);
