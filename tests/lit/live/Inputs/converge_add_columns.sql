CREATE TABLE orders (ref text NOT NULL, amount numeric(10,2) NOT NULL);
INSERT INTO orders VALUES ('A', 10.00), ('B', 2.50), ('C', 0);
