-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE "My Table" ("My Id" int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
