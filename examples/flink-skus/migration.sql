-- schemac migration for flink: 12 changes
-- Flink DDL changes catalog metadata only (no data moves) and commits each statement on its own.
-- Stop the jobs that read or write a changed table first; start them again after.

-- add_column sku_env.sku_cluster.products_classifications_agg.created_at
-- in the new value schema (Schema Registry, see alter_table sku_env.sku_cluster.products_classifications_agg): field `created_at` added

-- add_column sku_env.sku_cluster.products_classifications_agg.updated_at
-- in the new value schema (Schema Registry, see alter_table sku_env.sku_cluster.products_classifications_agg): field `updated_at` added

-- add_column sku_env.sku_cluster.skus_classifications_agg.created_at
-- in the new value schema (Schema Registry, see alter_table sku_env.sku_cluster.skus_classifications_agg): field `created_at` added

-- add_column sku_env.sku_cluster.skus_classifications_agg.updated_at
-- in the new value schema (Schema Registry, see alter_table sku_env.sku_cluster.skus_classifications_agg): field `updated_at` added

-- add_column sku_env.sku_cluster.skus_master.created_at
-- in the new value schema (Schema Registry, see alter_table sku_env.sku_cluster.skus_master): field `created_at` added

-- add_column sku_env.sku_cluster.skus_master.updated_at
-- in the new value schema (Schema Registry, see alter_table sku_env.sku_cluster.skus_master): field `updated_at` added

-- add_column sku_env.sku_cluster.skus_uoms_agg.created_at
-- in the new value schema (Schema Registry, see alter_table sku_env.sku_cluster.skus_uoms_agg): field `created_at` added

-- add_column sku_env.sku_cluster.skus_uoms_agg.updated_at
-- in the new value schema (Schema Registry, see alter_table sku_env.sku_cluster.skus_uoms_agg): field `updated_at` added

-- alter_table sku_env.sku_cluster.products_classifications_agg
-- Schema Registry: register this value schema under subject 'products_classifications_agg-value' (compatibility FULL_TRANSITIVE); Confluent Cloud changes the table's physical columns from it (no ALTER TABLE can):
-- {"fields":[{"name":"product_id","type":"string"},{"default":null,"name":"classifications","type":["null",{"items":["null","string"],"type":"array"}]},{"default":null,"name":"primary_class","type":["null","string"]},{"name":"event_time","type":{"logicalType":"timestamp-millis","type":"long"}},{"name":"created_at","type":{"logicalType":"timestamp-micros","type":"long"}},{"name":"updated_at","type":{"logicalType":"timestamp-micros","type":"long"}}],"name":"record","type":"record"}
-- compatibility FULL_TRANSITIVE: INCOMPATIBLE, the registry will refuse it (lint BC104):
--   field 'created_at' has no default: a reader with the new schema cannot read data written with version 1 (FULL_TRANSITIVE)
--   field 'updated_at' has no default: a reader with the new schema cannot read data written with version 1 (FULL_TRANSITIVE)

-- alter_table sku_env.sku_cluster.skus_classifications_agg
-- Schema Registry: register this value schema under subject 'skus_classifications_agg-value' (compatibility FULL_TRANSITIVE); Confluent Cloud changes the table's physical columns from it (no ALTER TABLE can):
-- {"fields":[{"name":"sku_id","type":"string"},{"default":null,"name":"classifications","type":["null",{"items":["null","string"],"type":"array"}]},{"default":null,"name":"primary_class","type":["null","string"]},{"name":"event_time","type":{"logicalType":"timestamp-millis","type":"long"}},{"name":"created_at","type":{"logicalType":"timestamp-micros","type":"long"}},{"name":"updated_at","type":{"logicalType":"timestamp-micros","type":"long"}}],"name":"record","type":"record"}
-- compatibility FULL_TRANSITIVE: INCOMPATIBLE, the registry will refuse it (lint BC104):
--   field 'created_at' has no default: a reader with the new schema cannot read data written with version 1 (FULL_TRANSITIVE)
--   field 'updated_at' has no default: a reader with the new schema cannot read data written with version 1 (FULL_TRANSITIVE)

-- alter_table sku_env.sku_cluster.skus_master
-- Schema Registry: register this value schema under subject 'skus_master-value' (compatibility FULL_TRANSITIVE); Confluent Cloud changes the table's physical columns from it (no ALTER TABLE can):
-- {"fields":[{"name":"sku_id","type":"string"},{"name":"product_id","type":"string"},{"default":null,"name":"name","type":["null","string"]},{"default":null,"name":"brand","type":["null","string"]},{"default":null,"name":"price","type":["null",{"logicalType":"decimal","precision":12,"scale":2,"type":"bytes"}]},{"default":null,"name":"currency","type":["null","string"]},{"name":"is_active","type":"boolean"},{"name":"event_time","type":{"logicalType":"timestamp-millis","type":"long"}},{"name":"created_at","type":{"logicalType":"timestamp-micros","type":"long"}},{"name":"updated_at","type":{"logicalType":"timestamp-micros","type":"long"}}],"name":"record","type":"record"}
-- compatibility FULL_TRANSITIVE: INCOMPATIBLE, the registry will refuse it (lint BC104):
--   field 'created_at' has no default: a reader with the new schema cannot read data written with version 1 (FULL_TRANSITIVE)
--   field 'updated_at' has no default: a reader with the new schema cannot read data written with version 1 (FULL_TRANSITIVE)

-- alter_table sku_env.sku_cluster.skus_uoms_agg
-- Schema Registry: register this value schema under subject 'skus_uoms_agg-value' (compatibility FULL_TRANSITIVE); Confluent Cloud changes the table's physical columns from it (no ALTER TABLE can):
-- {"fields":[{"name":"sku_id","type":"string"},{"default":null,"name":"uoms","type":["null",{"items":["null",{"fields":[{"default":null,"name":"uom","type":["null","string"]},{"default":null,"name":"factor","type":["null",{"logicalType":"decimal","precision":10,"scale":4,"type":"bytes"}]}],"name":"record_uoms","type":"record"}],"type":"array"}]},{"default":null,"name":"base_uom","type":["null","string"]},{"name":"event_time","type":{"logicalType":"timestamp-millis","type":"long"}},{"name":"created_at","type":{"logicalType":"timestamp-micros","type":"long"}},{"name":"updated_at","type":{"logicalType":"timestamp-micros","type":"long"}}],"name":"record","type":"record"}
-- compatibility FULL_TRANSITIVE: INCOMPATIBLE, the registry will refuse it (lint BC104):
--   field 'created_at' has no default: a reader with the new schema cannot read data written with version 1 (FULL_TRANSITIVE)
--   field 'updated_at' has no default: a reader with the new schema cannot read data written with version 1 (FULL_TRANSITIVE)
