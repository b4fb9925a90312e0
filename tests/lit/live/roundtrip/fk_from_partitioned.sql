-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE m (id int, p_id int REFERENCES p, k int) PARTITION BY LIST (k);
CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1);
