-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a timestamp, b timestamp(0), c timestamp(3), d timestamptz, e timestamptz(0), f timestamptz(6));
