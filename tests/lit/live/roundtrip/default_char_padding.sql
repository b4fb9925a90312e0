-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a char(5) DEFAULT 'ab', b varchar(3) DEFAULT '');
