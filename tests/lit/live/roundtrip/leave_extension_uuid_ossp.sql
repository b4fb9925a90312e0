-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- XFAIL: *
-- Known limitation: the source does not say that it needs the uuid-ossp extension.
CREATE EXTENSION "uuid-ossp";
CREATE TABLE t (id uuid DEFAULT uuid_generate_v4() PRIMARY KEY);
