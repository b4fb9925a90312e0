-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text);
CREATE VIEW v AS SELECT a, 'it''s' AS q, E'tab\t' AS tb, a || '"' AS dq FROM t WHERE a <> 'x''y';
