-- Every column type, written the way a person writes DDL by hand.
CREATE SCHEMA other;
CREATE TYPE other.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE color AS ENUM ('red', 'green');
CREATE TABLE t (
  a int, b bigint, c smallint, d numeric(10,2), e real, f double precision, g text, h varchar(20), i char(3),
  j bytea, k date, l time, m timestamp(3), n timestamptz, o uuid, p jsonb, q json, r inet, s interval,
  u int[], v text[], w other.mood, x color,
  y int4, z float8, aa character varying, ab numeric, ac timestamp with time zone, ad time(6) without time zone,
  ae timestamptz(0), af bool, ag varchar(10)[], ah other.mood[], ai bigint[], aj decimal(5)
);
CREATE TABLE other.t2 (m other.mood NOT NULL, c color, n numeric(1000, 500));
INSERT INTO t (a, b, c, d, g, h, i, o, p, q, u, w, x)
  VALUES (1, 2, 3, 4.5, 'g', 'h', 'i', '00000000-0000-0000-0000-0000000000aa', '{"k": 1}', '{"k":  1}', '{1,2}', 'ok', 'green');
