-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, n serial);
