-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (j jsonb, ts timestamptz);
CREATE INDEX t_jid ON t (((j ->> 'id')::int));
CREATE INDEX t_day ON t (((ts AT TIME ZONE 'UTC')::date));
