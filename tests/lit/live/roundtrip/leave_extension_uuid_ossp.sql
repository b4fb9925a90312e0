-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE EXTENSION "uuid-ossp";
CREATE TABLE t (id uuid DEFAULT uuid_generate_v4() PRIMARY KEY);
