-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (first text, last text, full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED, lowered text GENERATED ALWAYS AS (lower(first)) STORED);
