-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- XFAIL: *
-- Known limitation: interval field qualifiers (interval day to second) have no .schema spelling.
CREATE TABLE t (a interval year, b interval hour to minute, c interval minute to second(2));
