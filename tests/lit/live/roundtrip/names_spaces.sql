-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA "my schema";
CREATE TABLE "my schema"."my table" ("my col" int CONSTRAINT "my check" CHECK ("my col" > 0), "other col" text CONSTRAINT "my unique" UNIQUE);
CREATE INDEX "my index" ON "my schema"."my table" ("my col");
