-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE "Q t" ("Q c" int);
COMMENT ON TABLE "Q t" IS 'q''t';
COMMENT ON COLUMN "Q t"."Q c" IS 'multi
line

''quoted''';
