-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA app;
CREATE TABLE app.t (a int, b text);
CREATE INDEX t_a ON app.t (a);
CREATE INDEX t_b ON app.t (lower(b)) WHERE a > 0;
