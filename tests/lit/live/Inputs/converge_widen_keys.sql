create table parent (id int primary key, name text);
create table child (id int primary key, parent_id int references parent(id), v varchar(10));
create view pv as select p.id, p.name, c.v from parent p join child c on c.parent_id = p.id;
create view pvv as select id, v from pv where v is not null;
create index child_v_partial on child (parent_id) where v <> '';
insert into parent values (1,'one'),(2,'two');
insert into child values (10,1,'x'),(11,2,null);
