-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a timestamp DEFAULT (now() AT TIME ZONE 'utc'), b timestamp DEFAULT timezone('UTC', now()));
