-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- Names and text that break naive quoting: quotes, backslashes, $$, ;,
-- comment markers, control characters, unicode and reserved words, in every
-- kind of name and in literals, comments and view bodies.
CREATE SCHEMA "sch ""x"" -- not a comment";
CREATE TYPE "sch ""x"" -- not a comment"."E;num" AS ENUM ('it''s', 'back\slash', '$$dollar$$', '-- x', '/* y */', 'new
line', 'ünï');
CREATE TABLE "sch ""x"" -- not a comment"."select" (
  "from" int PRIMARY KEY,
  "a""b" text DEFAULT 'it''s; DROP TABLE x; -- $$ /* \ */' NOT NULL,
  "tab	col" "sch ""x"" -- not a comment"."E;num" DEFAULT '$$dollar$$',
  "new
col" varchar(10) CHECK ("new
col" <> 'a''b'),
  "ünï ☃" text,
  "$$" int,
  "/*" int,
  CONSTRAINT "c;--k" UNIQUE ("a""b"),
  CONSTRAINT "ch\eck" CHECK ("from" > 0 AND "a""b" <> '\')
);
CREATE INDEX "i""dx $$" ON "sch ""x"" -- not a comment"."select" (lower("a""b")) WHERE "ünï ☃" <> '☃;';
COMMENT ON TABLE "sch ""x"" -- not a comment"."select" IS 'line one
line two; -- not a comment /* nor this */ $$ \ '' end';
COMMENT ON COLUMN "sch ""x"" -- not a comment"."select"."ünï ☃" IS '☃';
CREATE VIEW "sch ""x"" -- not a comment"."v;iew" AS
  SELECT "from", "a""b" AS "x""y", '$$;--'::text AS "lit" FROM "sch ""x"" -- not a comment"."select";
