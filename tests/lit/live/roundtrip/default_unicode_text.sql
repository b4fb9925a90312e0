-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text DEFAULT 'ünïcödé ✓', b varchar(10) DEFAULT '日本', c text DEFAULT U&'\00e9');
