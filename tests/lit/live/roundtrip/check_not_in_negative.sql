-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (n int CHECK (n NOT IN (-1, -2)), m numeric CHECK (m > -0.5));
