-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a timestamptz(0) DEFAULT CURRENT_TIMESTAMP(0), b time(0) DEFAULT LOCALTIME(0), c timestamptz DEFAULT transaction_timestamp(), d timestamptz DEFAULT clock_timestamp());
