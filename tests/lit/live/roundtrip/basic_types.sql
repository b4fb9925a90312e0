-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (
  a integer PRIMARY KEY, b bigint NOT NULL, c smallint, d numeric(10,2), e numeric, f real, g double precision,
  h text, i varchar(20), j varchar, k char(3), l bytea, m date, n time, o time(3), p timestamp, q timestamp(3),
  r timestamptz, s timestamptz(6), u uuid, v jsonb, w json, x boolean DEFAULT true, y inet, z interval
);
