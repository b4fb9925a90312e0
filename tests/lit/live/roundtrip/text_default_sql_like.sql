-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (a text DEFAULT 'sql(''x'')', b text DEFAULT ')', c text DEFAULT '--', d text DEFAULT '/*');
