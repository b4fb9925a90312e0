-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA "Rpt s";
CREATE TABLE "T t" ("C c" int);
CREATE VIEW "Rpt s"."V v" AS SELECT "C c" AS "Out", 1 AS "x""y" FROM "T t";
