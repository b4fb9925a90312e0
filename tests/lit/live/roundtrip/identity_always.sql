-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, x text);
