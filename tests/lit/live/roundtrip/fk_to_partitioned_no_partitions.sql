-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE m (id int PRIMARY KEY) PARTITION BY HASH (id);
CREATE TABLE c (m_id int REFERENCES m);
