-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- RUN: %FileCheck %s --input-file %t/inspected.schema --check-prefix=SRC
-- SRC: foreign key c_p_fkey (p) references p (id) deferrable initially deferred
-- SRC: foreign key c_q_fkey (q) references p (id) deferrable
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (p int REFERENCES p DEFERRABLE INITIALLY DEFERRED, q int REFERENCES p DEFERRABLE);
