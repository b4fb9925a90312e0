-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE m (ts timestamp, n text) PARTITION BY RANGE ((ts::date));
CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2020-02-01');
