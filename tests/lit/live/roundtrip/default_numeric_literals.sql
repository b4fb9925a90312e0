-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a numeric(10,2) DEFAULT 0.00, b numeric DEFAULT -1.5, c real DEFAULT 1.5, d double precision DEFAULT -0.25, e numeric DEFAULT 1e10);
