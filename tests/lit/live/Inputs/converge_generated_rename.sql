create table t (id int primary key, a int, b int, s int generated always as (a + b) stored, name text, num text, st text, old_name text);
comment on table t is 'old';
comment on column t.name is 'old col';
create materialized view mv as select id, a from t;
insert into t (id, a, b, name, num, st, old_name) values (1, 1, 2, 'Zed', '42', 'x', 'keep me'), (2, 3, 4, 'abc', ' 7 ', 'y', 'me too');
