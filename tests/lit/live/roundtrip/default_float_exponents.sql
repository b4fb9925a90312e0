-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a real DEFAULT 1e-5, b double precision DEFAULT 6.02e23, c numeric(30,10) DEFAULT 0.0000000001);
