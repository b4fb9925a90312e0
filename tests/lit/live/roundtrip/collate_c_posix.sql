-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text COLLATE "C", b varchar(10) COLLATE "POSIX", c text COLLATE "default", d text[] COLLATE "C");
