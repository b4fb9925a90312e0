-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- RUN: %FileCheck %s --input-file %t/inspected.schema --check-prefix=SRC
-- SRC: id bigint identity always (start 1000 increment 5)
CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 5) PRIMARY KEY);
