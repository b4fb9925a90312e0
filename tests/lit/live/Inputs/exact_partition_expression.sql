CREATE TABLE logs (a text, b timestamptz) PARTITION BY RANGE (lower(a));
CREATE TABLE logs_am PARTITION OF logs FOR VALUES FROM ('a') TO ('n');
CREATE TABLE days (at timestamp NOT NULL, v int) PARTITION BY RANGE (date_trunc('day', at), (v + 1));
INSERT INTO logs VALUES ('Bob', now());
