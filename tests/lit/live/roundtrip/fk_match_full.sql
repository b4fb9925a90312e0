-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- RUN: %FileCheck %s --input-file %t/inspected.schema --check-prefix=SRC
-- SRC: foreign key c_a_b_fkey (a, b) references p (a, b) match full
CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE c (a int, b int, FOREIGN KEY (a, b) REFERENCES p MATCH FULL);
