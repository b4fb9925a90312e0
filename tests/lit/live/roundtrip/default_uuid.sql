-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), u uuid DEFAULT '00000000-0000-0000-0000-000000000000');
