-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a bit(4) DEFAULT B'1010', b bit varying DEFAULT B'1');
