-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a bit(8), b bit varying, c bit varying(16), d bit);
