-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE VIEW v (n, s) AS VALUES (1, 'a'), (2, 'b');
