-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (d timestamptz CHECK (d < now() + interval '100 years'));
