-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a varchar(5)[][], b numeric(4,1)[][], c char(2)[]);
