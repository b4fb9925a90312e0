-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a bigint DEFAULT 3000000000, b bigint DEFAULT -3000000000, c numeric DEFAULT 123456789012345678901234567890);
