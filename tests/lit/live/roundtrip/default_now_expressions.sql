-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a timestamptz DEFAULT now() + interval '1 hour', b date DEFAULT CURRENT_DATE - 1, c timestamptz DEFAULT date_trunc('day', now()));
