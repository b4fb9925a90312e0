-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE "T" ("A" int);
CREATE VIEW "V" AS SELECT "A" FROM "T";
CREATE MATERIALIZED VIEW "M V" AS SELECT "A" AS "B b" FROM "T";
