-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a date, b interval, c interval(3), d interval day to second);
