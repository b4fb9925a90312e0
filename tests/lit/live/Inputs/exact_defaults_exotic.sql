create table w (
  a numeric, b varchar, c char, d time(3), e timetz, f timestamp(0), g int[][], h varchar(10)[], i bit(3), j interval(2),
  k int default +1, l numeric default 0.0, m timestamptz default 'infinity', n interval default interval '1 day',
  o date default current_date + 1, p timestamptz default now() + interval '1 hour', q text default 'a'::text,
  r uuid default '00000000-0000-0000-0000-000000000001', s boolean default 't', t bigint default -(-1), u jsonb default '{"a": [1, 2]}',
  v text[] default '{}'::text[], x int default abs(-5), y double precision default date_part('epoch', now()),
  z text default E'line\nbreak', aa cidr, ab macaddr, ac tsvector, ad int4range, ae money default '0',
  af text default (case when true then 'y' else 'n' end), ag boolean default (1 > 0), ah numeric(5) default 3
);
