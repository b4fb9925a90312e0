-- Types without a length or with odd precisions, native Postgres types, and
-- defaults that Postgres rewrites when it stores them.
CREATE TABLE w (
  a numeric, b varchar, c char, d time(3), e timetz, f timestamp(0), g int[][], h varchar(10)[], i bit(3), j interval(2),
  k int DEFAULT +1, l numeric DEFAULT 0.0, m timestamptz DEFAULT 'infinity', n interval DEFAULT interval '1 day',
  o date DEFAULT current_date + 1, p timestamptz DEFAULT now() + interval '1 hour', q text DEFAULT 'a'::text,
  r uuid DEFAULT '00000000-0000-0000-0000-000000000001', s boolean DEFAULT 't', t bigint DEFAULT -(-1), u jsonb DEFAULT '{"a": [1, 2]}',
  v text[] DEFAULT '{}'::text[], x int DEFAULT abs(-5), y double precision DEFAULT date_part('epoch', now()),
  z text DEFAULT E'line\nbreak', aa cidr, ab macaddr, ac tsvector, ad int4range, ae money DEFAULT '0',
  af text DEFAULT (CASE WHEN true THEN 'y' ELSE 'n' END), ag boolean DEFAULT (1 > 0), ah numeric(5) DEFAULT 3,
  ai text DEFAULT 'it''s', aj int DEFAULT ((((7)))), ak boolean DEFAULT (NOT false), al text DEFAULT 'a' || 'b' || 'c'
);
INSERT INTO w (a) VALUES (1);
