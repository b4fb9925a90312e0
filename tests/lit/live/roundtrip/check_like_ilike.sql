-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text CHECK (a LIKE 'x%'), b text CHECK (b ILIKE '%y'), c text CHECK (c NOT LIKE '%z%'));
