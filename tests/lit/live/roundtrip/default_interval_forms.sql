-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a interval DEFAULT '1 year 2 mons', b interval DEFAULT interval '-3 hours', c interval DEFAULT make_interval(days => 1));
