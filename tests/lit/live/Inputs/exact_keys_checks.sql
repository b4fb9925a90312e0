create schema ref;
create table ref.orgs (id int, region text, primary key (id, region), code text unique);
create table users (
  id bigint primary key, org_id int, org_region text, email text not null,
  age int check (age between 0 and 150),
  status text check (status in ('a','b','c')),
  code text check (code like 'X%'),
  note text check (note is null or length(note) > 2),
  score numeric check (score::int >= 0),
  lo int, hi int, check (lo < hi),
  manager bigint references users (id) on delete set null on update cascade,
  foreign key (org_id, org_region) references ref.orgs (id, region) on delete cascade on update restrict,
  unique (email, org_id),
  org_code text references ref.orgs(code) on delete set default
);
