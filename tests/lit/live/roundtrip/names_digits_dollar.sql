-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE "1table" ("2col" int, col$x int, _under int);
