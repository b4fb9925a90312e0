-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA core;
CREATE SCHEMA app;
CREATE TABLE core.account (id bigint PRIMARY KEY);
CREATE TABLE app.order (id bigint PRIMARY KEY, account bigint NOT NULL REFERENCES core.account);
