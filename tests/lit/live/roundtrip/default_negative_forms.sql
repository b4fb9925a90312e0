-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int DEFAULT (-1), b int DEFAULT '-2', c numeric DEFAULT -1.5::numeric, d smallint DEFAULT -1::smallint, e double precision DEFAULT '-Infinity', f real DEFAULT 'NaN');
