CREATE TABLE orders (
  id int PRIMARY KEY,
  email text NOT NULL DEFAULT lower('X'),
  status varchar(10) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid')),
  amount int CHECK (amount > 0)
);
CREATE INDEX orders_lower_idx ON orders (lower(email));
CREATE INDEX orders_status_idx ON orders (status) WHERE status IN ('new', 'paid');
INSERT INTO orders VALUES (1, 'a@x', 'paid', 5);
