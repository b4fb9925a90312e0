-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- Sequences of their own: type, options, owner (in another schema), comment;
-- one used by a default in another schema. A serial's sequence stays part of
-- its column.
CREATE SCHEMA s;
CREATE TABLE t (id serial PRIMARY KEY, a int, b bigint);
CREATE SEQUENCE small AS smallint INCREMENT 5 MAXVALUE 1000 CYCLE OWNED BY t.a;
CREATE SEQUENCE s.counter START 10 CACHE 3;
COMMENT ON SEQUENCE s.counter IS 'it''s counting';
CREATE TABLE s.v (b bigint);
CREATE SEQUENCE s.owned_v OWNED BY s.v.b;
CREATE TABLE s.u (n bigint DEFAULT nextval('s.counter'));
CREATE SEQUENCE down INCREMENT -1;
