-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int DEFAULT 0, b int DEFAULT -1, c bigint DEFAULT 9223372036854775807, d smallint DEFAULT -32768, e bigint DEFAULT -5);
