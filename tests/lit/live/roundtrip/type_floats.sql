-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a real, b double precision, c float4, d float8);
