-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE "T" ("Mixed" text, "b c" int);
CREATE INDEX "T idx" ON "T" (lower("Mixed"), "b c") WHERE "b c" > 0;
