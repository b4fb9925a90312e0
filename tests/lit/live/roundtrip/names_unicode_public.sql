-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE "ñandú" ("ö" int PRIMARY KEY, "€" numeric CHECK ("€" >= 0));
CREATE TYPE "émoji😀" AS ENUM ('😀', 'ü');
CREATE INDEX "índice" ON "ñandú" ("€");
