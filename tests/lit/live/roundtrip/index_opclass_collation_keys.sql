-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- Per-key collations and operator classes, on columns and expressions, named
-- and unnamed; default ones (int4_ops, the column's own collation) are not
-- reported.
CREATE TABLE t (a text, b text COLLATE "C", doc jsonb, n int, v varchar(10));
CREATE INDEX ON t (a COLLATE "POSIX" text_pattern_ops DESC NULLS LAST);
CREATE INDEX t_b ON t (b, b COLLATE "default");
CREATE INDEX t_lower ON t (lower(a) COLLATE "C", (a || 'x') text_pattern_ops);
CREATE INDEX t_doc ON t USING gin (doc jsonb_path_ops);
CREATE INDEX t_n ON t (n int4_ops, v varchar_pattern_ops);
CREATE UNIQUE INDEX t_v ON t (v text_ops);
