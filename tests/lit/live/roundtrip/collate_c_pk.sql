-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE TABLE t (code text COLLATE "C" PRIMARY KEY, name varchar(50) COLLATE "POSIX" NOT NULL DEFAULT 'x');
