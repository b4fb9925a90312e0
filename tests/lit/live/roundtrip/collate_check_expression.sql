-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text, CHECK (a COLLATE "C" > 'a'));
