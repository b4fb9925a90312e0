create table t (id int primary key, s varchar(10), n varchar(5), c char(1));
insert into t values (1, 'a', 'x', 'p');
