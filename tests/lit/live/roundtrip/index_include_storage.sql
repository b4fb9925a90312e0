-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- INCLUDE columns (which also name an unnamed index) and storage parameters.
CREATE TABLE t (id int PRIMARY KEY, a text, b int, "C c" int);
CREATE INDEX ON t (a) INCLUDE (b, id) WITH (fillfactor = 70, deduplicate_items = off);
CREATE UNIQUE INDEX t_b_uq ON t (b) INCLUDE ("C c") WITH (fillfactor = 90);
CREATE INDEX t_hash ON t USING hash (a) WITH (fillfactor = 80);
