CREATE TABLE booking (
  id bigint PRIMARY KEY,
  room int NOT NULL,
  during tsrange,
  EXCLUDE USING gist (during WITH &&) WHERE (room > 0),
  EXCLUDE USING gist (int4range(room, room, '[]') WITH &&, during WITH &&),
  CONSTRAINT booking_later EXCLUDE USING gist (during WITH -|-) DEFERRABLE INITIALLY DEFERRED
);
INSERT INTO booking VALUES (1, 1, '[2026-01-01, 2026-01-02)');
