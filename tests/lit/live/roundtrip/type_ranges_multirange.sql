-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int4multirange, b datemultirange);
