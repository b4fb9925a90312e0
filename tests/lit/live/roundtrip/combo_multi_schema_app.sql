-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA auth;
CREATE SCHEMA billing;
CREATE TYPE billing.currency AS ENUM ('EUR', 'USD');
CREATE TABLE auth.users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), email text COLLATE "C" NOT NULL);
CREATE UNIQUE INDEX users_email ON auth.users (lower(email));
CREATE TABLE billing.invoice (id serial PRIMARY KEY, user_id uuid NOT NULL REFERENCES auth.users ON DELETE RESTRICT, amount numeric(12,2) NOT NULL CHECK (amount >= 0), currency billing.currency NOT NULL DEFAULT 'EUR');
CREATE VIEW billing.totals AS SELECT user_id, currency, sum(amount) AS total FROM billing.invoice GROUP BY user_id, currency;
