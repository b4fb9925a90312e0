-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- Exclusion constraints, read from pg_constraint and their index: an unnamed
-- one (Postgres's name), named ones, several elements, expression elements,
-- a predicate, INCLUDE, storage parameters and timing. Range types with gist
-- only, so that no extension is needed.
CREATE TABLE t (r int4range, EXCLUDE USING gist (r WITH &&));
CREATE TABLE booking (
  room int NOT NULL,
  during tsrange,
  note text,
  CONSTRAINT booking_no_overlap EXCLUDE USING gist (int4range(room, room, '[]') WITH &&, during WITH &&) WHERE (room > 0),
  EXCLUDE USING gist (during WITH -|-) INCLUDE (note) WITH (fillfactor = 70),
  CONSTRAINT booking_later EXCLUDE USING gist (during WITH &&) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT booking_soon EXCLUDE USING gist (during WITH &&) DEFERRABLE
);
CREATE TABLE slots (n int, EXCLUDE (n WITH =), EXCLUDE USING hash (n WITH =));
ALTER TABLE slots ADD EXCLUDE USING gist (int4range(n, n + 1) WITH &&, int4range(n, n + 2) WITH &&);
