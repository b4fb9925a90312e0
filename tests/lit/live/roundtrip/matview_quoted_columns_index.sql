-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a int, b text);
CREATE MATERIALIZED VIEW "M" AS SELECT a AS "Key", b AS "the value" FROM t;
CREATE UNIQUE INDEX "M key" ON "M" ("Key");
CREATE INDEX "M val" ON "M" (lower("the value"));
