-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA "S";
CREATE TYPE "S"."My Enum" AS ENUM ('Hello World', 'a"b', 'x''y', 'NULL', 'null');
CREATE TABLE "S".t (e "S"."My Enum" DEFAULT 'a"b', ea "S"."My Enum"[]);
