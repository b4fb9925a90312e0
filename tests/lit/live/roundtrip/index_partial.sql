-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, deleted boolean, s text);
CREATE INDEX t_live ON t (a) WHERE NOT deleted;
CREATE INDEX t_s ON t (s) WHERE s IS NOT NULL AND s <> '';
