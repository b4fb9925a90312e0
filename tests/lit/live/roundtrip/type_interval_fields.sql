-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a interval year, b interval hour to minute, c interval minute to second(2));
