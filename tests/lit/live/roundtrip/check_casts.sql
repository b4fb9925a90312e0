-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text CHECK (a::int > 0), b numeric CHECK (b::int < 10), c text CHECK (length(c::varchar) < 5));
