-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a date DEFAULT '2020-01-01', b timestamp DEFAULT '2020-01-01 10:00:00', c timestamptz DEFAULT '2020-01-01 00:00:00+00', d interval DEFAULT '1 day', e time DEFAULT '12:00', f date DEFAULT 'infinity');
