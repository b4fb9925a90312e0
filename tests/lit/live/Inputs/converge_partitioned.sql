CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE metrics (id int NOT NULL, region text NOT NULL, v int) PARTITION BY LIST (region);
CREATE TABLE metrics_eu PARTITION OF metrics FOR VALUES IN ('eu');
INSERT INTO events VALUES (1, '2024-05-01', 'a'), (2, '2025-05-01', 'b');
INSERT INTO metrics VALUES (1, 'eu', 10);
