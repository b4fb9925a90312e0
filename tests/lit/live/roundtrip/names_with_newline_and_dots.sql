-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- A newline in a quoted name is written U&"e\000Af" in .schema, and as \n in
-- the plan's comment lines (where a raw newline would start a statement).
CREATE TABLE "a.b" ("c.d" int, "e
f" int);
CREATE INDEX "i.x" ON "a.b" ("c.d");
