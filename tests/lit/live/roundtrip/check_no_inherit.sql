-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- RUN: %FileCheck %s --input-file %t/inspected.schema --check-prefix=SRC
-- SRC: check n_pos ({{.*}}) no inherit
CREATE TABLE t (n int, CONSTRAINT n_pos CHECK (n > 0) NO INHERIT);
