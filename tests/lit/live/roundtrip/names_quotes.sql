-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE "we""ird" ("co""l" int CONSTRAINT "ch""k" CHECK ("co""l" > 0), "it's" text);
CREATE INDEX "in""dex" ON "we""ird" ("it's");
