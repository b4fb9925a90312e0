-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- XFAIL: *
-- Known limitation: interval field qualifiers (interval day to second) have no .schema spelling.
CREATE TABLE t (a date, b interval, c interval(3), d interval day to second);
