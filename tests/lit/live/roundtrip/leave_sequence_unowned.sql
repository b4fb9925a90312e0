-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SEQUENCE free_seq;
CREATE SEQUENCE app_seq INCREMENT 10 START 5;
CREATE TABLE t (a int);
