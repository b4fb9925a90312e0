-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE m (id int, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE m_eu PARTITION OF m FOR VALUES IN ('eu', 'uk');
CREATE TABLE m_other PARTITION OF m DEFAULT;
