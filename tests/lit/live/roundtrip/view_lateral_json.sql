-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (doc jsonb);
CREATE VIEW v AS SELECT e.key, e.value FROM t, LATERAL jsonb_each(t.doc) e(key, value);
