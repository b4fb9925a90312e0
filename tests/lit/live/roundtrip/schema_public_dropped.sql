-- RUN: %roundtrip %s %t | grep "round trip: ok"
DROP SCHEMA public;
CREATE SCHEMA app;
CREATE TABLE app.t (a int);
