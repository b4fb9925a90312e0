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
CREATE TABLE ref.tags (id int PRIMARY KEY, label text CHECK (label IS NOT NULL AND label <> ''), CONSTRAINT "named check" CHECK (id > 0 AND id < 1000), CONSTRAINT tags_label_len CHECK (char_length(label) BETWEEN 1 AND 50));
CREATE TABLE user_tags (user_id bigint REFERENCES users ON DELETE CASCADE, tag_id int REFERENCES ref.tags ON UPDATE NO ACTION ON DELETE RESTRICT, PRIMARY KEY (user_id, tag_id), note text CHECK (note NOT LIKE '%bad%' AND note ilike 'a%'), f float CHECK (f NOT BETWEEN -1 AND 1), CONSTRAINT ut_nonneg CHECK (user_id >= 0 OR tag_id IS NULL), e text CHECK (e NOT IN ('x', 'y')), CONSTRAINT ut_uq UNIQUE (tag_id, user_id));
INSERT INTO ref.orgs VALUES (1, 'eu', 'C1');
INSERT INTO users (id, org_id, org_region, email, age, status, code, lo, hi, org_code) VALUES (1, 1, 'eu', 'a@x', 30, 'a', 'X1', 1, 2, 'C1');
