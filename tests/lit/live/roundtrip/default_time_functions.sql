-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a timestamptz DEFAULT now(), b timestamptz DEFAULT CURRENT_TIMESTAMP, c date DEFAULT CURRENT_DATE, d timestamp DEFAULT LOCALTIMESTAMP, e time DEFAULT CURRENT_TIME, f timestamptz DEFAULT statement_timestamp());
