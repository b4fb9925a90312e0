-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- RUN: %FileCheck %s --input-file %t/inspected.schema --check-prefix=SRC
-- SRC: unique a_once (a) deferrable initially deferred
CREATE TABLE t (a int, CONSTRAINT a_once UNIQUE (a) DEFERRABLE INITIALLY DEFERRED);
