-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE color AS ENUM ('red', 'green', 'blue');
CREATE TABLE t (cs color[], cs2 color[][]);
