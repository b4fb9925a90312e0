create schema rpt;
create table users (id int primary key, email text, active bool default true);
comment on table users is 'All users; it''s "fine"';
comment on column users.email is 'Login e-mail';
create view active_users as select id, email from users where active;
create view active_emails as select email from active_users;
create view rpt.user_count as select count(*) as n from users;
create materialized view rpt.by_active as select active, count(*) as n from users group by active;
create view v_star as select * from users;
