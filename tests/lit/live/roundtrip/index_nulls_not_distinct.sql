-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- RUN: %FileCheck %s --input-file %t/inspected.schema --check-prefix=SRC
-- SRC: unique index t_a (a) nulls not distinct
CREATE TABLE t (a int);
CREATE UNIQUE INDEX t_a ON t (a) NULLS NOT DISTINCT;
