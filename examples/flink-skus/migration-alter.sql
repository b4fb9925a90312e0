-- schemac migration for flink: 12 changes
-- Flink DDL changes catalog metadata only (no data moves) and commits each statement on its own.
-- Stop the jobs that read or write a changed table first; start them again after.
-- The statements marked 'once' fail when run again after they succeeded; if the script
-- stopped after one of them, plan again from the catalog as it is.

-- add_column sku_env.sku_cluster.products_classifications_agg.created_at
-- once:
ALTER TABLE `sku_env`.`sku_cluster`.`products_classifications_agg` ADD `created_at` TIMESTAMP_LTZ(6) NOT NULL AFTER `event_time`;

-- add_column sku_env.sku_cluster.products_classifications_agg.updated_at
-- once:
ALTER TABLE `sku_env`.`sku_cluster`.`products_classifications_agg` ADD `updated_at` TIMESTAMP_LTZ(6) NOT NULL AFTER `created_at`;

-- add_column sku_env.sku_cluster.skus_classifications_agg.created_at
-- once:
ALTER TABLE `sku_env`.`sku_cluster`.`skus_classifications_agg` ADD `created_at` TIMESTAMP_LTZ(6) NOT NULL AFTER `event_time`;

-- add_column sku_env.sku_cluster.skus_classifications_agg.updated_at
-- once:
ALTER TABLE `sku_env`.`sku_cluster`.`skus_classifications_agg` ADD `updated_at` TIMESTAMP_LTZ(6) NOT NULL AFTER `created_at`;

-- add_column sku_env.sku_cluster.skus_master.created_at
-- once:
ALTER TABLE `sku_env`.`sku_cluster`.`skus_master` ADD `created_at` TIMESTAMP_LTZ(6) NOT NULL AFTER `event_time`;

-- add_column sku_env.sku_cluster.skus_master.updated_at
-- once:
ALTER TABLE `sku_env`.`sku_cluster`.`skus_master` ADD `updated_at` TIMESTAMP_LTZ(6) NOT NULL AFTER `created_at`;

-- add_column sku_env.sku_cluster.skus_uoms_agg.created_at
-- once:
ALTER TABLE `sku_env`.`sku_cluster`.`skus_uoms_agg` ADD `created_at` TIMESTAMP_LTZ(6) NOT NULL AFTER `event_time`;

-- add_column sku_env.sku_cluster.skus_uoms_agg.updated_at
-- once:
ALTER TABLE `sku_env`.`sku_cluster`.`skus_uoms_agg` ADD `updated_at` TIMESTAMP_LTZ(6) NOT NULL AFTER `created_at`;
