-- schemac migration for postgres: 20 changes

BEGIN;

-- drop_view public.foodlogstats (it reads acme.foodlogstats, which changes)
DROP VIEW public.foodlogstats;

-- drop_view acme.foodlogstats (it reads acme.foodlogstats_2021, which changes)
DROP VIEW acme.foodlogstats;

-- drop_view globex.foodlogstats (it reads globex.foodlogstats_2021, which changes)
DROP VIEW globex.foodlogstats;

-- drop_view landb.foodlogstats (it reads landb.foodlogstats_2021, which changes)
DROP VIEW landb.foodlogstats;

-- add_column acme.foodlogstats_2021.fiber_g
ALTER TABLE acme.foodlogstats_2021 ADD COLUMN fiber_g numeric(8,2) DEFAULT 0 NOT NULL;

-- add_column acme.foodlogstats_2022.fiber_g
ALTER TABLE acme.foodlogstats_2022 ADD COLUMN fiber_g numeric(8,2) DEFAULT 0 NOT NULL;

-- add_column acme.foodlogstats_2023.fiber_g
ALTER TABLE acme.foodlogstats_2023 ADD COLUMN fiber_g numeric(8,2) DEFAULT 0 NOT NULL;

-- add_column acme.foodlogstats_2024.fiber_g
ALTER TABLE acme.foodlogstats_2024 ADD COLUMN fiber_g numeric(8,2) DEFAULT 0 NOT NULL;

-- add_column globex.foodlogstats_2021.fiber_g
ALTER TABLE globex.foodlogstats_2021 ADD COLUMN fiber_g numeric(8,2) DEFAULT 0 NOT NULL;

-- add_column globex.foodlogstats_2022.fiber_g
ALTER TABLE globex.foodlogstats_2022 ADD COLUMN fiber_g numeric(8,2) DEFAULT 0 NOT NULL;

-- add_column globex.foodlogstats_2023.fiber_g
ALTER TABLE globex.foodlogstats_2023 ADD COLUMN fiber_g numeric(8,2) DEFAULT 0 NOT NULL;

-- add_column globex.foodlogstats_2024.fiber_g
ALTER TABLE globex.foodlogstats_2024 ADD COLUMN fiber_g numeric(8,2) DEFAULT 0 NOT NULL;

-- add_column landb.foodlogstats_2021.fiber_g
ALTER TABLE landb.foodlogstats_2021 ADD COLUMN fiber_g numeric(8,2) DEFAULT 0 NOT NULL;

-- add_column landb.foodlogstats_2022.fiber_g
ALTER TABLE landb.foodlogstats_2022 ADD COLUMN fiber_g numeric(8,2) DEFAULT 0 NOT NULL;

-- add_column landb.foodlogstats_2023.fiber_g
ALTER TABLE landb.foodlogstats_2023 ADD COLUMN fiber_g numeric(8,2) DEFAULT 0 NOT NULL;

-- add_column landb.foodlogstats_2024.fiber_g
ALTER TABLE landb.foodlogstats_2024 ADD COLUMN fiber_g numeric(8,2) DEFAULT 0 NOT NULL;

-- create_view acme.foodlogstats (it reads acme.foodlogstats_2021, which changes)
SET LOCAL search_path TO acme, public;
CREATE VIEW acme.foodlogstats AS
SELECT * FROM acme.foodlogstats_2021
UNION ALL
SELECT * FROM acme.foodlogstats_2022
UNION ALL
SELECT * FROM acme.foodlogstats_2023
UNION ALL
SELECT * FROM acme.foodlogstats_2024;
RESET search_path;

-- create_view globex.foodlogstats (it reads globex.foodlogstats_2021, which changes)
SET LOCAL search_path TO globex, public;
CREATE VIEW globex.foodlogstats AS
SELECT * FROM globex.foodlogstats_2021
UNION ALL
SELECT * FROM globex.foodlogstats_2022
UNION ALL
SELECT * FROM globex.foodlogstats_2023
UNION ALL
SELECT * FROM globex.foodlogstats_2024;
RESET search_path;

-- create_view landb.foodlogstats (it reads landb.foodlogstats_2021, which changes)
SET LOCAL search_path TO landb, public;
CREATE VIEW landb.foodlogstats AS
SELECT * FROM landb.foodlogstats_2021
UNION ALL
SELECT * FROM landb.foodlogstats_2022
UNION ALL
SELECT * FROM landb.foodlogstats_2023
UNION ALL
SELECT * FROM landb.foodlogstats_2024;
RESET search_path;

-- create_view public.foodlogstats (it reads acme.foodlogstats, which changes)
CREATE VIEW public.foodlogstats AS
SELECT * FROM landb.foodlogstats
UNION ALL
SELECT * FROM acme.foodlogstats
UNION ALL
SELECT * FROM globex.foodlogstats;

COMMIT;
