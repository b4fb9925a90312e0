-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- XFAIL: *
-- Known limitation: a serial column of a renamed table keeps its old sequence name, which is written as a nextval default of a sequence that is not created.
CREATE TABLE old (id serial PRIMARY KEY);
ALTER TABLE old RENAME TO new;
