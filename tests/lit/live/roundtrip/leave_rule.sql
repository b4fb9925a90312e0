-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
CREATE TABLE log (a int);
CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.a);
