-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE "M m" ("K k" text NOT NULL) PARTITION BY LIST ("K k");
CREATE TABLE "M m a" PARTITION OF "M m" FOR VALUES IN ('it''s');
CREATE TABLE "M m d" PARTITION OF "M m" DEFAULT;
