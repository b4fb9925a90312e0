-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE "Parent Table" ("Key" int PRIMARY KEY);
CREATE TABLE "Child" ("Parent Key" int CONSTRAINT "Child->Parent" REFERENCES "Parent Table" ON UPDATE CASCADE);
