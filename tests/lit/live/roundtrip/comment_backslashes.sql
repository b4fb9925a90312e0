-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'C:\path\to\file \n not newline';
