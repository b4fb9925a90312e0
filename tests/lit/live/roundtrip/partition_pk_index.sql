-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE m (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE INDEX m_at ON m (at);
CREATE TABLE m_a PARTITION OF m FOR VALUES FROM (MINVALUE) TO ('2020-01-01');
