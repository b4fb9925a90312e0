-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a inet DEFAULT '127.0.0.1', b cidr DEFAULT '10.0.0.0/8', c money DEFAULT 0, d bit(4) DEFAULT B'1010', e macaddr DEFAULT '08:00:2b:01:02:03');
