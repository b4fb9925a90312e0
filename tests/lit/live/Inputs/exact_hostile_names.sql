create schema "My Schema";
create type "My Schema"."Mood Type" as enum ('so so', 'it''s ok', 'HAPPY');
create table "My Schema"."User Table" (
  "Id" int primary key,
  "first name" text not null,
  "order" int check ("order" > 0),
  "select" text default 'x',
  "quo""te" text,
  "ünïcode" text,
  "Mood" "My Schema"."Mood Type" default 'it''s ok',
  "user" text unique
);
create index "Idx With Space" on "My Schema"."User Table" (lower("first name"));
create table "order" ("Id" int primary key, "table" int references "My Schema"."User Table" ("Id"));
create view "My Schema"."View ""Q""" as select "Id", "first name" from "My Schema"."User Table";
comment on column "order"."table" is 'col named table';
