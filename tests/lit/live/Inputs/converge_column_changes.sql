CREATE TYPE color AS ENUM ('red', 'green');
CREATE TABLE items (
  id int PRIMARY KEY,
  name varchar(20) NOT NULL,
  price numeric(8,2),
  qty int,
  color color DEFAULT 'red',
  created timestamp DEFAULT now(),
  code char(4),
  flags int[],
  note text NOT NULL,
  num text,
  st text
);
CREATE INDEX items_name ON items (name);
CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 10;
INSERT INTO items (id, name, price, qty, color, created, code, flags, note, num, st) VALUES
  (1, 'a', 1.50, 3, 'green', '2024-01-02 03:04:05', 'ab', '{1,2}', 'n1', '42', 'x'),
  (2, 'b', 99.99, 5, 'red', '2024-06-01 00:00:00', 'abcd', NULL, 'n2', ' 7 ', 'y'),
  (3, 'c', NULL, 0, NULL, NULL, NULL, '{}', 'n3', NULL, NULL);
