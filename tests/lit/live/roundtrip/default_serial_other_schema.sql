-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA app;
CREATE TABLE app.items (id serial PRIMARY KEY);
