-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a timestamptz DEFAULT 'epoch', b bit varying DEFAULT B'1'::bit varying, c date DEFAULT '-infinity');
