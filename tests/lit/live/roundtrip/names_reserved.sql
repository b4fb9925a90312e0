-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA "order";
CREATE TABLE "order"."select" ("from" int CONSTRAINT "where" PRIMARY KEY, "group" text, "user" text, "table" int);
CREATE INDEX "limit" ON "order"."select" ("group");
CREATE TYPE "order"."case" AS ENUM ('when', 'then', 'end');
