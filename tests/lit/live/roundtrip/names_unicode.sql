-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA "schéma";
CREATE TABLE "schéma"."tâble" ("cölumn" int PRIMARY KEY, "日本" text);
CREATE TYPE "schéma"."énum" AS ENUM ('vâlue', 'ü');
