-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE m (id int, k int) PARTITION BY LIST (k);
CREATE TABLE m_1 (id int, k int);
ALTER TABLE m ATTACH PARTITION m_1 FOR VALUES IN (1);
