-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc (abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc int PRIMARY KEY UNIQUE CHECK (abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc > 0));
