-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SEQUENCE counter START 100;
CREATE TABLE t (n bigint DEFAULT nextval('counter'));
