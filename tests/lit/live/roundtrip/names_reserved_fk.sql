-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE "user" ("id" int PRIMARY KEY);
CREATE TABLE "group" ("user" int CONSTRAINT "references" REFERENCES "user" ON DELETE CASCADE);
