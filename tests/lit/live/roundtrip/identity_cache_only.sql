-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- RUN: %FileCheck %s --input-file %t/inspected.schema --check-prefix=SRC
-- SRC: id bigint identity always (cache 50)
CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY (CACHE 50));
