-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 5) PRIMARY KEY);
