-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE c (x int, y int, FOREIGN KEY (y, x) REFERENCES p (b, a));
