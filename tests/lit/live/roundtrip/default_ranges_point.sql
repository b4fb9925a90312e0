-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int4range DEFAULT '[1,10)', b daterange DEFAULT 'empty', c point DEFAULT '(0,0)');
