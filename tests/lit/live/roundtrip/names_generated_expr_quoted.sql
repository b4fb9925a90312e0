-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE "T" ("A" int, "B b" int, "Sum" int GENERATED ALWAYS AS ("A" + "B b") STORED);
