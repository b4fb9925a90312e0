-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE "a.b" ("c.d" int, "e
f" int);
CREATE INDEX "i.x" ON "a.b" ("c.d");
