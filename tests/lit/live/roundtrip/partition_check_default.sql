-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE m (id int DEFAULT 0 CHECK (id >= 0), k text NOT NULL DEFAULT 'a') PARTITION BY LIST (k);
CREATE TABLE m_a PARTITION OF m FOR VALUES IN ('a');
