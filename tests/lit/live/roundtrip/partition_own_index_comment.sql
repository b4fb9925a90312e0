-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- A partition's own index is left alone (the parent's index made on it is
-- not listed), and so is a default of its own; its comment is kept; bounds
-- with a negative number, NULL and timestamptz values round-trip in the
-- server's spelling.
CREATE TABLE m (id int, k int) PARTITION BY LIST (k);
CREATE INDEX m_id ON m (id);
CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1);
CREATE INDEX m_1_k ON m_1 (k);
COMMENT ON TABLE m_1 IS 'one';
CREATE TABLE m_n PARTITION OF m FOR VALUES IN (-5, NULL);
CREATE TABLE m_t (at timestamptz, v int) PARTITION BY RANGE (at);
CREATE TABLE m_t_2020 PARTITION OF m_t FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
ALTER TABLE m_1 ALTER COLUMN id SET DEFAULT 5;
