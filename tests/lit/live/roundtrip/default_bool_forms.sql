-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a boolean DEFAULT 't', b boolean DEFAULT 'no', c boolean DEFAULT 1::boolean);
