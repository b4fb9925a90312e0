-- Defaults of every kind, as hand-written DDL.
CREATE SCHEMA other;
CREATE TYPE other.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE color AS ENUM ('red', 'green');
CREATE TABLE d (
  id int PRIMARY KEY,
  a int DEFAULT 42, b int DEFAULT -7, c numeric(10,2) DEFAULT -1.50, d text DEFAULT 'hello', e varchar(10) DEFAULT 'x''y',
  f boolean DEFAULT true, g boolean DEFAULT false, h timestamptz DEFAULT now(), i timestamptz DEFAULT CURRENT_TIMESTAMP,
  j uuid DEFAULT gen_random_uuid(), k color DEFAULT 'red', l other.mood DEFAULT 'ok', m int DEFAULT (1+2)*3,
  n date DEFAULT current_date, o text DEFAULT lower('ABC'), p jsonb DEFAULT '{}', q int[] DEFAULT '{}', r text[] DEFAULT ARRAY['a','b'],
  s interval DEFAULT '5 minutes', t double precision DEFAULT 1.5e3, u timestamp DEFAULT localtimestamp, v text DEFAULT current_user,
  w bigint DEFAULT -9223372036854775808, x real DEFAULT -0.5, z date DEFAULT '2024-01-01', aa smallint DEFAULT -32768,
  ab timestamptz DEFAULT transaction_timestamp(), ac varchar(20) DEFAULT 'active', ad char(2) DEFAULT 'ab'
);
INSERT INTO d (id) VALUES (1);
