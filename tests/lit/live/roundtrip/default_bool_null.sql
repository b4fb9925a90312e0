-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a boolean DEFAULT true, b boolean DEFAULT false, c text DEFAULT NULL, d int DEFAULT NULL);
