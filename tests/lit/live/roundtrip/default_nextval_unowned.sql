-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- XFAIL: *
-- Known limitation: a nextval default of a sequence no column owns: the sequence is left alone.
CREATE SEQUENCE counter START 100;
CREATE TABLE t (n bigint DEFAULT nextval('counter'));
