-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(320) NOT NULL, status varchar(10) DEFAULT 'active' CHECK (status IN ('active', 'gone')), score int CHECK (score BETWEEN 0 AND 100), created timestamptz DEFAULT now());
CREATE UNIQUE INDEX users_lower_email ON users (lower(email));
CREATE INDEX users_recent ON users (created DESC NULLS LAST) WHERE status = 'active';
COMMENT ON TABLE users IS 'people';
COMMENT ON COLUMN users.email IS 'it''s unique';
