-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- XFAIL: *
-- Known limitation: quoted identifiers cannot contain a newline in .schema.
CREATE TABLE "a.b" ("c.d" int, "e
f" int);
CREATE INDEX "i.x" ON "a.b" ("c.d");
