-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (doc jsonb, id int GENERATED ALWAYS AS ((doc ->> 'id')::int) STORED);
CREATE INDEX t_id ON t (id);
