-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text DEFAULT 1::text, b varchar(5) DEFAULT 'x'::varchar, c numeric DEFAULT '3.14'::numeric, d bytea DEFAULT '\x00ff');
