-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE m (name text) PARTITION BY LIST (lower(name));
CREATE TABLE m_a PARTITION OF m FOR VALUES IN ('a');
