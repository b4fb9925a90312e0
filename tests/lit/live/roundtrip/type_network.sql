-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a inet, b cidr, c macaddr, d macaddr8);
