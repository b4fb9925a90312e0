-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text, b text);
CREATE INDEX t_a_pattern ON t (a text_pattern_ops);
CREATE INDEX t_b_vpattern ON t (b varchar_pattern_ops);
CREATE INDEX ON t USING hash (a text_pattern_ops);
