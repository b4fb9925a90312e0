-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text DEFAULT '', b text DEFAULT 'it''s', c varchar(10) DEFAULT 'x', d char(2) DEFAULT 'ab', e text DEFAULT E'line\nbreak', f text DEFAULT 'back\slash');
