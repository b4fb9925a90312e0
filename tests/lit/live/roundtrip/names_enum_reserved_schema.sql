-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA "user";
CREATE TYPE "user"."type" AS ENUM ('default', 'null', 'true');
CREATE TABLE "user"."table" ("column" "user"."type" DEFAULT 'default');
CREATE TABLE public.keep (k int);
