-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE item (item int PRIMARY KEY, "item.item" text);
