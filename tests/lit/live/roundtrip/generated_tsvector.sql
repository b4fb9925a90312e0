-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (body text, doc tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(body, ''))) STORED);
CREATE INDEX t_doc ON t USING gin (doc);
