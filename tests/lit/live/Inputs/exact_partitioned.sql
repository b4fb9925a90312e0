create table events (id bigint not null, occurred_at timestamptz(3) not null, payload jsonb, primary key (id, occurred_at)) partition by range (occurred_at);
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create table lst (id int, region text not null) partition by list (region);
create table hsh (id int not null) partition by hash (id);
create index events_payload_idx on events using gin (payload);
insert into events values (1, '2024-03-01', '{"a":1}');
