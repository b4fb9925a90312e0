-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (p point, r int4range, s text);
CREATE INDEX t_p ON t USING spgist (p);
CREATE INDEX t_s ON t USING spgist (s);
