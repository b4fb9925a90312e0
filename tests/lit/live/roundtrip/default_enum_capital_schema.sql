-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA "Billing";
CREATE TYPE "Billing"."Cur" AS ENUM ('EUR', 'USD');
CREATE TABLE "Billing"."Inv" (c "Billing"."Cur" NOT NULL DEFAULT 'USD', cs "Billing"."Cur"[]);
CREATE TABLE public.keep (k int);
