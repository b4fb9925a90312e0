-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA "MySchema";
CREATE TABLE "MySchema"."Users" ("Id" int CONSTRAINT "Users_PK" PRIMARY KEY, "eMail" text);
CREATE INDEX "Users_Email_Idx" ON "MySchema"."Users" ("eMail");
