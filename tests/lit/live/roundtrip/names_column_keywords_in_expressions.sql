-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t ("order" int, "check" int CHECK ("check" > "order"), "default" int GENERATED ALWAYS AS ("order" + 1) STORED);
CREATE INDEX t_ord ON t ("order") WHERE "check" > 0;
