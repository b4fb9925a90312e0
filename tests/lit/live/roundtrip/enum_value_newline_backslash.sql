-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TYPE e AS ENUM (E'line\nbreak', 'back\slash', E'tab\there', ' lead');
CREATE TABLE t (v e DEFAULT E'line\nbreak');
