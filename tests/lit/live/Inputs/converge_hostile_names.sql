CREATE SCHEMA "Odd";
CREATE TYPE "Odd"."Kind" AS ENUM ('a b', 'C');
CREATE TABLE "Odd"."My Table" ("Key" int PRIMARY KEY, "Val ue" varchar(5) CHECK ("Val ue" <> ''), "select" int, "K" "Odd"."Kind" DEFAULT 'a b');
CREATE TABLE "Odd"."Old ""Name""" (id int PRIMARY KEY, "Key" int REFERENCES "Odd"."My Table");
CREATE VIEW "Odd"."Vue" AS SELECT "Key", "Val ue" FROM "Odd"."My Table";
INSERT INTO "Odd"."My Table" VALUES (1, 'abc', 7, 'C');
INSERT INTO "Odd"."Old ""Name""" VALUES (5, 1);
