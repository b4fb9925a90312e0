-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (g int, v int);
CREATE VIEW v AS SELECT DISTINCT ON (g) g, v FROM t ORDER BY g, v DESC LIMIT 10 OFFSET 1;
