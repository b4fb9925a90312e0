-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a tsvector DEFAULT ''::tsvector, b xml DEFAULT '<a/>');
