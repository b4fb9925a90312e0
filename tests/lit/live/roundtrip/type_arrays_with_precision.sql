-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a timestamp(3)[], b timestamptz(0)[], c time(2)[], d bit(3)[], e varbit(4)[]);
