-- schemac migration for flink: 6 changes
-- Flink DDL changes catalog metadata only (no data moves) and commits each statement on its own.
-- Stop the jobs that read or write a changed table first; start them again after.
-- The statements marked 'once' fail when run again after they succeeded; if the script
-- stopped after one of them, plan again from the catalog as it is.

-- drop_view sku_env.sku_cluster.active_skus (it reads sku_env.sku_cluster.skus_master, which changes)
DROP VIEW IF EXISTS `sku_env`.`sku_cluster`.`active_skus`;

-- rebuild_table sku_env.sku_cluster.products_classifications_agg (column 'created_at' is added: 'evolution versioned' copies the table into a new version)
-- step 1 of 3: the new version of `products_classifications_agg`, `products_classifications_agg_v2`, empty
CREATE TABLE IF NOT EXISTS `sku_env`.`sku_cluster`.`products_classifications_agg_v2` (
    `product_id` STRING NOT NULL,
    `classifications` ARRAY<STRING>,
    `primary_class` STRING,
    `event_time` TIMESTAMP_LTZ(3) NOT NULL,
    `created_at` TIMESTAMP_LTZ(6) NOT NULL,
    `updated_at` TIMESTAMP_LTZ(6) NOT NULL,
    CONSTRAINT `PK_product_id` PRIMARY KEY (`product_id`) NOT ENFORCED
)
WITH (
    'connector' = 'kafka',
    'topic' = 'products_classifications_agg_v2',
    'value.format' = 'avro-confluent'
);
-- step 2 of 3: copy. This INSERT starts a streaming job that copies every row of `products_classifications_agg` into `products_classifications_agg_v2`
-- and goes on copying what is written to it. Then: stop the jobs that write `products_classifications_agg`, wait until
-- the copy job has caught up (no lag), and stop it.
-- once:
INSERT INTO `sku_env`.`sku_cluster`.`products_classifications_agg_v2` (`product_id`, `classifications`, `primary_class`, `event_time`, `created_at`, `updated_at`)
SELECT `product_id`, `classifications`, `primary_class`, `event_time`, CAST(NOW() AS TIMESTAMP_LTZ(6)) AS `created_at`, CAST(NOW() AS TIMESTAMP_LTZ(6)) AS `updated_at`
FROM `sku_env`.`sku_cluster`.`products_classifications_agg`;
-- step 3 of 3 (once the copy job is stopped): the new version takes the old one's name. Then start
-- the jobs that read or write `products_classifications_agg` again: they use the new version.
DROP TABLE IF EXISTS `sku_env`.`sku_cluster`.`products_classifications_agg`;
-- once:
ALTER TABLE `sku_env`.`sku_cluster`.`products_classifications_agg_v2` RENAME TO `products_classifications_agg`;

-- rebuild_table sku_env.sku_cluster.skus_classifications_agg (column 'created_at' is added: 'evolution versioned' copies the table into a new version)
-- step 1 of 3: the new version of `skus_classifications_agg`, `skus_classifications_agg_v2`, empty
CREATE TABLE IF NOT EXISTS `sku_env`.`sku_cluster`.`skus_classifications_agg_v2` (
    `sku_id` STRING NOT NULL,
    `classifications` ARRAY<STRING>,
    `primary_class` STRING,
    `event_time` TIMESTAMP_LTZ(3) NOT NULL,
    `created_at` TIMESTAMP_LTZ(6) NOT NULL,
    `updated_at` TIMESTAMP_LTZ(6) NOT NULL,
    CONSTRAINT `PK_sku_id` PRIMARY KEY (`sku_id`) NOT ENFORCED
)
WITH (
    'connector' = 'kafka',
    'topic' = 'skus_classifications_agg_v2',
    'value.format' = 'avro-confluent'
);
-- step 2 of 3: copy. This INSERT starts a streaming job that copies every row of `skus_classifications_agg` into `skus_classifications_agg_v2`
-- and goes on copying what is written to it. Then: stop the jobs that write `skus_classifications_agg`, wait until
-- the copy job has caught up (no lag), and stop it.
-- once:
INSERT INTO `sku_env`.`sku_cluster`.`skus_classifications_agg_v2` (`sku_id`, `classifications`, `primary_class`, `event_time`, `created_at`, `updated_at`)
SELECT `sku_id`, `classifications`, `primary_class`, `event_time`, CAST(NOW() AS TIMESTAMP_LTZ(6)) AS `created_at`, CAST(NOW() AS TIMESTAMP_LTZ(6)) AS `updated_at`
FROM `sku_env`.`sku_cluster`.`skus_classifications_agg`;
-- step 3 of 3 (once the copy job is stopped): the new version takes the old one's name. Then start
-- the jobs that read or write `skus_classifications_agg` again: they use the new version.
DROP TABLE IF EXISTS `sku_env`.`sku_cluster`.`skus_classifications_agg`;
-- once:
ALTER TABLE `sku_env`.`sku_cluster`.`skus_classifications_agg_v2` RENAME TO `skus_classifications_agg`;

-- rebuild_table sku_env.sku_cluster.skus_master (column 'created_at' is added: 'evolution versioned' copies the table into a new version)
-- step 1 of 3: the new version of `skus_master`, `skus_master_v2`, empty
CREATE TABLE IF NOT EXISTS `sku_env`.`sku_cluster`.`skus_master_v2` (
    `sku_id` STRING NOT NULL,
    `product_id` STRING NOT NULL,
    `name` VARCHAR(200),
    `brand` VARCHAR(100),
    `price` DECIMAL(12, 2),
    `currency` CHAR(3),
    `is_active` BOOLEAN NOT NULL,
    `event_time` TIMESTAMP_LTZ(3) NOT NULL,
    `created_at` TIMESTAMP_LTZ(6) NOT NULL,
    `updated_at` TIMESTAMP_LTZ(6) NOT NULL,
    WATERMARK FOR `event_time` AS `event_time` - INTERVAL '5' SECOND,
    CONSTRAINT `PK_sku_id` PRIMARY KEY (`sku_id`) NOT ENFORCED
)
WITH (
    'connector' = 'kafka',
    'topic' = 'skus_master_v2',
    'value.format' = 'avro-confluent'
);
-- step 2 of 3: copy. This INSERT starts a streaming job that copies every row of `skus_master` into `skus_master_v2`
-- and goes on copying what is written to it. Then: stop the jobs that write `skus_master`, wait until
-- the copy job has caught up (no lag), and stop it.
-- once:
INSERT INTO `sku_env`.`sku_cluster`.`skus_master_v2` (`sku_id`, `product_id`, `name`, `brand`, `price`, `currency`, `is_active`, `event_time`, `created_at`, `updated_at`)
SELECT `sku_id`, `product_id`, `name`, `brand`, `price`, `currency`, `is_active`, `event_time`, CAST(NOW() AS TIMESTAMP_LTZ(6)) AS `created_at`, CAST(NOW() AS TIMESTAMP_LTZ(6)) AS `updated_at`
FROM `sku_env`.`sku_cluster`.`skus_master`;
-- step 3 of 3 (once the copy job is stopped): the new version takes the old one's name. Then start
-- the jobs that read or write `skus_master` again: they use the new version.
DROP TABLE IF EXISTS `sku_env`.`sku_cluster`.`skus_master`;
-- once:
ALTER TABLE `sku_env`.`sku_cluster`.`skus_master_v2` RENAME TO `skus_master`;

-- rebuild_table sku_env.sku_cluster.skus_uoms_agg (column 'created_at' is added: 'evolution versioned' copies the table into a new version)
-- step 1 of 3: the new version of `skus_uoms_agg`, `skus_uoms_agg_v2`, empty
CREATE TABLE IF NOT EXISTS `sku_env`.`sku_cluster`.`skus_uoms_agg_v2` (
    `sku_id` STRING NOT NULL,
    `uoms` ARRAY<ROW<`uom` STRING, `factor` DECIMAL(10, 4)>>,
    `base_uom` STRING,
    `event_time` TIMESTAMP_LTZ(3) NOT NULL,
    `created_at` TIMESTAMP_LTZ(6) NOT NULL,
    `updated_at` TIMESTAMP_LTZ(6) NOT NULL,
    CONSTRAINT `PK_sku_id` PRIMARY KEY (`sku_id`) NOT ENFORCED
)
WITH (
    'connector' = 'kafka',
    'topic' = 'skus_uoms_agg_v2',
    'value.format' = 'avro-confluent'
);
-- step 2 of 3: copy. This INSERT starts a streaming job that copies every row of `skus_uoms_agg` into `skus_uoms_agg_v2`
-- and goes on copying what is written to it. Then: stop the jobs that write `skus_uoms_agg`, wait until
-- the copy job has caught up (no lag), and stop it.
-- once:
INSERT INTO `sku_env`.`sku_cluster`.`skus_uoms_agg_v2` (`sku_id`, `uoms`, `base_uom`, `event_time`, `created_at`, `updated_at`)
SELECT `sku_id`, `uoms`, `base_uom`, `event_time`, CAST(NOW() AS TIMESTAMP_LTZ(6)) AS `created_at`, CAST(NOW() AS TIMESTAMP_LTZ(6)) AS `updated_at`
FROM `sku_env`.`sku_cluster`.`skus_uoms_agg`;
-- step 3 of 3 (once the copy job is stopped): the new version takes the old one's name. Then start
-- the jobs that read or write `skus_uoms_agg` again: they use the new version.
DROP TABLE IF EXISTS `sku_env`.`sku_cluster`.`skus_uoms_agg`;
-- once:
ALTER TABLE `sku_env`.`sku_cluster`.`skus_uoms_agg_v2` RENAME TO `skus_uoms_agg`;

-- create_view sku_env.sku_cluster.active_skus (it reads sku_env.sku_cluster.skus_master, which changes)
USE `sku_env`.`sku_cluster`;
CREATE VIEW IF NOT EXISTS `sku_env`.`sku_cluster`.`active_skus` AS
select sku_id, product_id, name, price from skus_master where is_active;
