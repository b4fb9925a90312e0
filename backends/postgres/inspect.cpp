// Inspection of a live Postgres database. Each kind of object is read with
// one query over all schemas at once; the rows are assembled into the same
// catalog structure that lowering produces from .schema source, with the
// server's own spelling of types (format_type) and expressions (pg_get_expr).
#include "backends/postgres/inspect.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "backends/postgres/expr.h"
#include "backends/postgres/postgres.h"

namespace schemac::backends::postgres {
namespace {

using Json = nlohmann::json;

/// Objects that belong to an extension are the extension's business.
constexpr const char* kNotExtension =
    "not exists (select 1 from pg_depend d where d.objid = {}.oid and d.deptype = 'e' and d.classid = '{}'::regclass)";

auto NotExtension(const char* alias, const char* catalog) -> std::string {
  return fmt::format(fmt::runtime(kNotExtension), alias, catalog);
}

auto JsonStrings(const std::optional<std::string>& text) -> std::vector<std::string> {
  std::vector<std::string> out;
  if (!text) return out;
  Json j = Json::parse(*text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j) out.push_back(v.is_string() ? v.get<std::string>() : "");
  return out;
}

auto Action(const std::string& code) -> std::string {
  switch (code.empty() ? 'a' : code[0]) {
    case 'r': return "restrict";
    case 'c': return "cascade";
    case 'n': return "set null";
    case 'd': return "set default";
    default: return "no action";
  }
}

/// A text[] literal: {"a","b"} with quotes and backslashes escaped.
auto TextArray(const std::vector<std::string>& items) -> std::string {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    out += (i ? ",\"" : "\"");
    for (char c : items[i]) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    out += "\"";
  }
  return out + "}";
}

/// SET search_path so that format_type and pg_get_expr qualify names the way
/// lowering does: objects in public bare, others qualified.
constexpr const char* kSessionSetup = "SET search_path TO public; SET lock_timeout TO '5s';";

/// Where a relation read by Relations() went, by its oid.
struct Where {
  size_t schema;
  bool view;
  size_t index;
};

/// One inspection: the catalog being built and what every query needs. Each
/// member function runs one query and reads its rows by column name; false
/// (with `error`) when the query failed.
struct Reader {
  Connection& db;
  std::string& error;
  Inspection out;
  std::string list;  // the schemas to read, as a text[] parameter ($1)
  std::map<std::string, size_t> schema_index;
  std::map<std::string, Where> by_oid;
  static constexpr const char* kInSchemas = "n.nspname = any($1::text[])";

  auto Query(const std::string& sql) -> std::optional<Rows> { return db.Query(sql, {list}, error); }

  auto TableOf(const std::string& oid) -> catalog::Table* {
    auto it = by_oid.find(oid);
    if (it == by_oid.end() || it->second.view) return nullptr;
    return &out.catalog.schemas[it->second.schema].tables[it->second.index];
  }
  auto SchemaNamed(const std::string& name) -> catalog::Schema& { return out.catalog.schemas[schema_index[name]]; }

  auto Schemas(const std::vector<std::string>& wanted) -> bool;
  auto Relations() -> bool;
  auto Columns() -> bool;
  auto Constraints() -> bool;
  auto Indexes() -> bool;
  auto Enums() -> bool;
  auto Sequences() -> bool;
  auto Collations() -> bool;
  auto ViewDependencies() -> bool;
  auto Unmanaged() -> bool;
};

auto Reader::Schemas(const std::vector<std::string>& wanted) -> bool {
  auto rows = db.Query(
      "select n.nspname as name from pg_namespace n where n.nspname !~ '^pg_' and n.nspname <> 'information_schema' and " +
          NotExtension("n", "pg_namespace") + " and (cardinality($1::text[]) = 0 or n.nspname = any($1::text[])) order by 1",
      {TextArray(wanted)}, error);
  if (!rows) return false;
  ColumnIndex col(*rows);
  const size_t name = col("name");
  if (!col.Ok(error)) return false;
  std::vector<std::string> names;
  for (size_t i = 0; i < rows->rows.size(); ++i) names.push_back(rows->Text(i, name));
  for (const auto& w : wanted)
    if (std::find(names.begin(), names.end(), w) == names.end()) {
      error = "schema \"" + w + "\" does not exist in the database";
      return false;
    }
  list = TextArray(names);
  for (const auto& n : names) {
    schema_index[n] = out.catalog.schemas.size();
    out.catalog.schemas.push_back(catalog::Schema{n, {}, {}, {}, {}});
  }
  return true;
}

/// Tables, partitioned tables, views, materialized views. View bodies are
/// read with an empty search_path, so that every relation in them is
/// schema-qualified and means the same from any schema.
auto Reader::Relations() -> bool {
  if (!db.Exec("SET search_path TO ''", error)) return false;
  auto rels = Query(
      "select c.oid::text as oid, n.nspname as schema, c.relname as name, c.relkind::text as kind, "
      "c.relpersistence::text as persistence, c.relispartition as is_partition, "
      "case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end as partition_by, "
      "obj_description(c.oid, 'pg_class') as comment, "
      "case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid, true) end as definition, "
      "(select option_value from pg_options_to_table(c.reloptions) where option_name = 'fillfactor') as fillfactor, "
      "(select spcname from pg_tablespace where oid = c.reltablespace) as tablespace, "
      "case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end as partition_bound, "
      "pn.nspname as parent_schema, p.relname as parent_name "
      "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
      "left join pg_inherits h on c.relispartition and h.inhrelid = c.oid "
      "left join pg_class p on p.oid = h.inhparent left join pg_namespace pn on pn.oid = p.relnamespace "
      "where c.relkind in ('r', 'p', 'v', 'm') and " + std::string(kInSchemas) + " and " + NotExtension("c", "pg_class") +
          " order by n.nspname, c.relname");
  if (!rels || !db.Exec("SET search_path TO public", error)) return false;
  ColumnIndex col(*rels);
  const size_t oid_col = col("oid"), schema_col = col("schema"), name_col = col("name"), kind_col = col("kind"),
               persistence = col("persistence"), is_partition = col("is_partition"), partition_by = col("partition_by"),
               comment = col("comment"), definition = col("definition"), fillfactor = col("fillfactor"),
               tablespace = col("tablespace"), partition_bound = col("partition_bound"),
               parent_schema = col("parent_schema"), parent_name = col("parent_name");
  if (!col.Ok(error)) return false;
  for (size_t i = 0; i < rels->rows.size(); ++i) {
    std::string oid = rels->Text(i, oid_col), schema = rels->Text(i, schema_col), name = rels->Text(i, name_col),
                kind = rels->Text(i, kind_col);
    auto& s = SchemaNamed(schema);
    if (kind == "v" || kind == "m") {
      catalog::View v;
      v.name = name;
      v.materialized = kind == "m";
      v.definition = rels->Text(i, definition);
      while (!v.definition.empty() && (v.definition.back() == ';' || std::isspace(static_cast<unsigned char>(v.definition.back()))))
        v.definition.pop_back();
      while (!v.definition.empty() && std::isspace(static_cast<unsigned char>(v.definition.front()))) v.definition.erase(0, 1);
      v.comment = rels->Get(i, comment);
      by_oid[oid] = {schema_index[schema], true, s.views.size()};
      s.views.push_back(std::move(v));
    } else {
      catalog::Table t;
      t.name = name;
      t.comment = rels->Get(i, comment);
      if (auto p = rels->Get(i, partition_by)) t.options["partition_by"] = *p;
      if (rels->Text(i, persistence) == "u") t.options["unlogged"] = "true";
      if (auto f = rels->Get(i, fillfactor)) t.options["fillfactor"] = *f;
      if (auto ts = rels->Get(i, tablespace)) t.options["tablespace"] = *ts;
      // A partition: its columns, keys and indexes are its parent's (read
      // below only for tables that are not partitions).
      if (rels->Text(i, is_partition) == "t" && rels->Get(i, parent_name)) {
        t.partition_of = catalog::ObjectName{rels->Text(i, parent_schema), rels->Text(i, parent_name)};
        t.partition_bound = rels->Text(i, partition_bound);
      }
      by_oid[oid] = {schema_index[schema], false, s.tables.size()};
      s.tables.push_back(std::move(t));
    }
  }
  return true;
}

/// Columns, with the enum type they use (directly or as an array) and the
/// options of an identity column's sequence.
auto Reader::Columns() -> bool {
  auto cols = Query(
      "select a.attrelid::text as table_oid, a.attname as name, format_type(a.atttypid, a.atttypmod) as type, "
      "a.attnotnull as not_null, "
      "case when a.attgenerated = '' then pg_get_expr(ad.adbin, ad.adrelid) end as default_expr, "
      "case when a.attgenerated = 's' then pg_get_expr(ad.adbin, ad.adrelid) end as generated, "
      "a.attidentity::text as identity, "
      "case when a.attcollation <> t.typcollation then co.collname end as collation, "
      "col_description(a.attrelid, a.attnum) as comment, "
      "en.nspname as enum_schema, et.typname as enum_name, seq.seqstart::text as seq_start, "
      "seq.seqincrement::text as seq_increment, seq.seqmin::text as seq_min, seq.seqmax::text as seq_max, "
      "seq.seqcache::text as seq_cache, seq.seqcycle as seq_cycle "
      "from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace "
      "join pg_type t on t.oid = a.atttypid left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum "
      "left join pg_collation co on co.oid = a.attcollation "
      "left join pg_depend sd on a.attidentity <> '' and sd.refobjid = a.attrelid and sd.refobjsubid = a.attnum "
      "  and sd.classid = 'pg_class'::regclass and sd.refclassid = 'pg_class'::regclass and sd.deptype = 'i' "
      "left join pg_sequence seq on seq.seqrelid = sd.objid "
      "left join pg_type et on et.oid = (case when t.typcategory = 'A' then t.typelem else t.oid end) and et.typtype = 'e' "
      "left join pg_namespace en on en.oid = et.typnamespace "
      "where c.relkind in ('r', 'p') and not c.relispartition and " + std::string(kInSchemas) +
          " and a.attnum > 0 and not a.attisdropped order by a.attrelid, a.attnum");
  if (!cols) return false;
  ColumnIndex col(*cols);
  const size_t table_oid = col("table_oid"), name = col("name"), type = col("type"), not_null = col("not_null"),
               default_expr = col("default_expr"), generated = col("generated"), identity_col = col("identity"),
               collation = col("collation"), comment = col("comment"), enum_schema = col("enum_schema"),
               enum_name = col("enum_name"), seq_start = col("seq_start"), seq_increment = col("seq_increment"),
               seq_min = col("seq_min"), seq_max = col("seq_max"), seq_cache = col("seq_cache"),
               seq_cycle = col("seq_cycle");
  if (!col.Ok(error)) return false;
  for (size_t i = 0; i < cols->rows.size(); ++i) {
    catalog::Table* t = TableOf(cols->Text(i, table_oid));
    if (!t) continue;
    catalog::Column c;
    c.name = cols->Text(i, name);
    c.type = cols->Text(i, type);
    c.not_null = cols->Text(i, not_null) == "t";
    c.default_expr = cols->Get(i, default_expr);
    c.generated = cols->Get(i, generated);
    std::string identity = cols->Text(i, identity_col);
    c.identity = identity == "a" ? "always" : identity == "d" ? "by default" : "";
    c.collation = cols->Get(i, collation);
    c.comment = cols->Get(i, comment);
    if (cols->Get(i, enum_schema)) c.type_ref = catalog::ObjectName{cols->Text(i, enum_schema), cols->Text(i, enum_name)};
    if (!c.identity.empty() && cols->Get(i, seq_start)) {
      EffectiveSequence e;
      e.start = std::stoll(cols->Text(i, seq_start));
      e.increment = std::stoll(cols->Text(i, seq_increment));
      e.min = std::stoll(cols->Text(i, seq_min));
      e.max = std::stoll(cols->Text(i, seq_max));
      e.cache = std::stoll(cols->Text(i, seq_cache));
      e.cycle = cols->Text(i, seq_cycle) == "t";
      c.identity_options = CanonicalIdentityOptions(c.type, e);
    }
    t->columns.push_back(std::move(c));
  }
  return true;
}

/// Primary keys, unique keys, foreign keys and checks.
auto Reader::Constraints() -> bool {
  auto cons = Query(
      "select con.conrelid::text as table_oid, con.conname as name, con.contype::text as type, "
      "array_to_json(array(select a.attname from unnest(con.conkey) with ordinality k(num, i) "
      "  join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.i)) as columns, "
      "fn.nspname as ref_schema, fc.relname as ref_table, "
      "array_to_json(array(select a.attname from unnest(con.confkey) with ordinality k(num, i) "
      "  join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.i)) as ref_columns, "
      "con.confdeltype::text as on_delete, con.confupdtype::text as on_update, "
      "pg_get_expr(con.conbin, con.conrelid) as check_expr, con.convalidated as validated, "
      "n.nspname as schema, c.relname as table_name, con.condeferrable as deferrable, "
      "con.condeferred as deferred, con.confmatchtype::text as match_type, con.connoinherit as no_inherit, "
      "coalesce(ci.indnullsnotdistinct, false) as nulls_not_distinct, con.coninhcount > 0 as inherited "
      "from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace "
      "left join pg_class fc on fc.oid = con.confrelid left join pg_namespace fn on fn.oid = fc.relnamespace "
      "left join pg_index ci on ci.indexrelid = con.conindid and con.contype = 'u' "
      "where con.contype in ('p', 'u', 'f', 'c') and c.relkind in ('r', 'p') and " + std::string(kInSchemas) +
          " and (con.contype <> 'c' or con.conislocal) and con.conparentid = 0 order by con.conrelid, con.conname");
  if (!cons) return false;
  ColumnIndex col(*cons);
  const size_t table_oid = col("table_oid"), name = col("name"), type_col = col("type"), columns = col("columns"),
               ref_schema = col("ref_schema"), ref_table = col("ref_table"), ref_columns = col("ref_columns"),
               on_delete = col("on_delete"), on_update = col("on_update"), check_expr = col("check_expr"),
               validated = col("validated"), schema = col("schema"), table_name = col("table_name"),
               deferrable = col("deferrable"), deferred = col("deferred"), match_type = col("match_type"),
               no_inherit = col("no_inherit"), nulls_not_distinct = col("nulls_not_distinct"),
               inherited = col("inherited");
  if (!col.Ok(error)) return false;
  for (size_t i = 0; i < cons->rows.size(); ++i) {
    catalog::Table* t = TableOf(cons->Text(i, table_oid));
    if (!t) continue;
    if (t->partition_of) {
      // Keys and checks of the parent come with it; one of the partition's
      // own is not expressible.
      if (cons->Text(i, inherited) != "t")
        out.unmanaged.push_back("constraint " + cons->Text(i, schema) + "." + cons->Text(i, table_name) + "." +
                                cons->Text(i, name) + " on a partition (not expressible in .schema; kept as it is)");
      continue;
    }
    catalog::Constraint k;
    k.name = cons->Text(i, name);
    std::string type = cons->Text(i, type_col);
    k.kind = type == "p"   ? catalog::Constraint::Kind::PrimaryKey
             : type == "u" ? catalog::Constraint::Kind::Unique
             : type == "f" ? catalog::Constraint::Kind::ForeignKey
                           : catalog::Constraint::Kind::Check;
    if (k.kind != catalog::Constraint::Kind::Check) k.columns = JsonStrings(cons->Get(i, columns));
    if (k.kind == catalog::Constraint::Kind::ForeignKey) {
      k.ref_table = {cons->Text(i, ref_schema), cons->Text(i, ref_table)};
      k.ref_columns = JsonStrings(cons->Get(i, ref_columns));
      k.on_delete = Action(cons->Text(i, on_delete));
      k.on_update = Action(cons->Text(i, on_update));
    }
    if (k.kind == catalog::Constraint::Kind::Check) k.check = cons->Text(i, check_expr);
    k.not_valid = cons->Text(i, validated) == "f";
    std::string where = cons->Text(i, schema) + "." + cons->Text(i, table_name) + "." + k.name;
    if (k.not_valid)
      out.unmanaged.push_back("constraint " + where + ": NOT VALID (rows from before it were never checked; kept as it is)");
    if (k.kind != catalog::Constraint::Kind::Check) {
      k.deferrable = cons->Text(i, deferrable) == "t";
      k.initially_deferred = cons->Text(i, deferred) == "t";
    }
    if (k.kind == catalog::Constraint::Kind::ForeignKey) {
      k.match_full = cons->Text(i, match_type) == "f";
      if (cons->Text(i, match_type) == "p")
        out.unmanaged.push_back("constraint " + where + ": MATCH PARTIAL (not expressible in .schema; kept as it is)");
    }
    if (k.kind == catalog::Constraint::Kind::Check) k.no_inherit = cons->Text(i, no_inherit) == "t";
    if (k.kind == catalog::Constraint::Kind::Unique) k.nulls_not_distinct = cons->Text(i, nulls_not_distinct) == "t";
    t->constraints.push_back(std::move(k));
  }
  return true;
}

/// Indexes that are not the index of a key, of tables and of materialized
/// views; and the indexes of exclusion constraints, which are read as
/// indexes are and become the constraint's elements, with its operators
/// (named with their schema when it is not pg_catalog) and timing.
auto Reader::Indexes() -> bool {
  auto idx = Query(
      "select i.indrelid::text as table_oid, ic.relname as name, i.indisunique as is_unique, am.amname as method, "
      "array_to_json(array(select coalesce(a.attname, '') from generate_series(0, i.indnkeyatts - 1) k "
      "  left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[k] and i.indkey[k] <> 0 order by k)) "
      "  as key_columns, "
      "array_to_json(array(select pg_get_indexdef(i.indexrelid, k + 1, true) from generate_series(0, i.indnkeyatts - 1) k "
      "  order by k)) as key_defs, "
      "array_to_json(array(select i.indoption[k]::int from generate_series(0, i.indnkeyatts - 1) k order by k)) "
      "  as key_options, "
      "pg_get_expr(i.indpred, i.indrelid) as predicate, not i.indisvalid as invalid, n.nspname as schema, "
      // Per key: its collation when it is not the key's own (the column's, or
      // the expression type's), and its operator class when not a default one.
      "array_to_json(array(select coalesce((select co.collname from pg_collation co where co.oid = i.indcollation[k] "
      "  and co.oid <> coalesce((select a.attcollation from pg_attribute a where a.attrelid = i.indrelid "
      "  and a.attnum = i.indkey[k] and i.indkey[k] <> 0), (select ty.typcollation from pg_attribute ia "
      "  join pg_type ty on ty.oid = ia.atttypid where ia.attrelid = i.indexrelid and ia.attnum = k + 1))), '') "
      "  from generate_series(0, i.indnkeyatts - 1) k order by k)) as key_collations, "
      "i.indnullsnotdistinct as nulls_not_distinct, "
      "array_to_json(array(select a.attname from generate_series(i.indnkeyatts, i.indnatts - 1) k "
      "  join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[k] order by k)) as include, "
      "array_to_json(coalesce(ic.reloptions, '{}'::text[])) as storage, "
      "array_to_json(array(select coalesce((select o.opcname from pg_opclass o where o.oid = i.indclass[k] "
      "  and not o.opcdefault), '') from generate_series(0, i.indnkeyatts - 1) k order by k)) as key_opclasses, "
      "coalesce(xc.conname, '') as exclusion_name, "
      "array_to_json(array(select case when opn.nspname = 'pg_catalog' then op.oprname else opn.nspname || '.' || op.oprname end "
      "  from unnest(xc.conexclop) with ordinality x(oid, n) join pg_operator op on op.oid = x.oid "
      "  join pg_namespace opn on opn.oid = op.oprnamespace order by x.n)) as exclusion_operators, "
      "coalesce(xc.condeferrable, false) as deferrable, coalesce(xc.condeferred, false) as deferred, "
      "coalesce(xc.conparentid, 0) <> 0 as exclusion_inherited, "
      "exists (select 1 from pg_inherits h where h.inhrelid = i.indexrelid) as attached "
      "from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class c on c.oid = i.indrelid "
      "join pg_namespace n on n.oid = c.relnamespace join pg_am am on am.oid = ic.relam "
      "left join pg_constraint xc on xc.conindid = i.indexrelid and xc.contype = 'x' and xc.conrelid = i.indrelid "
      "where c.relkind in ('r', 'p', 'm') and " + std::string(kInSchemas) +
          " and not exists (select 1 from pg_constraint con where con.conindid = i.indexrelid and con.contype in ('p', 'u'))"
          " order by i.indrelid, ic.relname");
  if (!idx) return false;
  ColumnIndex col(*idx);
  const size_t table_oid = col("table_oid"), name = col("name"), is_unique = col("is_unique"), method = col("method"),
               key_columns = col("key_columns"), key_defs = col("key_defs"), key_options = col("key_options"),
               predicate = col("predicate"), invalid = col("invalid"), schema = col("schema"),
               key_collations = col("key_collations"), nulls_not_distinct = col("nulls_not_distinct"),
               include = col("include"), storage = col("storage"), key_opclasses = col("key_opclasses"),
               exclusion_name = col("exclusion_name"), exclusion_operators = col("exclusion_operators"),
               deferrable = col("deferrable"), deferred = col("deferred"),
               exclusion_inherited = col("exclusion_inherited"), attached = col("attached");
  if (!col.Ok(error)) return false;
  for (size_t i = 0; i < idx->rows.size(); ++i) {
    std::vector<catalog::Index>* indexes = nullptr;
    if (catalog::Table* t = TableOf(idx->Text(i, table_oid))) {
      if (t->partition_of) {
        // The parent's indexes are made on every partition (attached to the
        // parent's index); one of the partition's own is not expressible.
        if (idx->Text(i, attached) != "t")
          out.unmanaged.push_back("index " + idx->Text(i, schema) + "." + idx->Text(i, name) +
                                  " on a partition (not expressible in .schema; kept as it is)");
        continue;
      }
      indexes = &t->indexes;
    } else if (auto it = by_oid.find(idx->Text(i, table_oid)); it != by_oid.end() && it->second.view) {
      indexes = &out.catalog.schemas[it->second.schema].views[it->second.index].indexes;
    }
    if (!indexes) continue;
    bool exclusion = !idx->Text(i, exclusion_name).empty();
    if (exclusion && idx->Text(i, exclusion_inherited) == "t") continue;  // a partition's, from its parent's
    catalog::Table* excl_table = exclusion ? TableOf(idx->Text(i, table_oid)) : nullptr;
    if (exclusion && !excl_table) continue;
    catalog::Index ix;
    ix.name = idx->Text(i, name);
    ix.unique = idx->Text(i, is_unique) == "t";
    ix.method = idx->Text(i, method);
    auto columns = JsonStrings(idx->Get(i, key_columns));
    auto defs = JsonStrings(idx->Get(i, key_defs));
    auto collations = JsonStrings(idx->Get(i, key_collations));
    auto opclasses = JsonStrings(idx->Get(i, key_opclasses));
    Json options = Json::parse(idx->Text(i, key_options), nullptr, false);
    for (size_t k = 0; k < columns.size(); ++k) {
      catalog::IndexKey key;
      if (!columns[k].empty()) key.column = columns[k];
      else key.expression = k < defs.size() ? defs[k] : "";
      if (k < collations.size() && !collations[k].empty()) key.collation = collations[k];
      if (k < opclasses.size() && !opclasses[k].empty()) key.opclass = opclasses[k];
      int opt = options.is_array() && k < options.size() && options[k].is_number() ? options[k].get<int>() : 0;
      key.desc = (opt & 1) != 0;
      bool nulls_first = (opt & 2) != 0;
      if (nulls_first != key.desc) key.nulls_first = nulls_first;
      ix.keys.push_back(std::move(key));
    }
    ix.where = idx->Get(i, predicate);
    ix.invalid = idx->Text(i, invalid) == "t";
    ix.nulls_not_distinct = idx->Text(i, nulls_not_distinct) == "t";
    ix.include = JsonStrings(idx->Get(i, include));
    for (const auto& option : JsonStrings(idx->Get(i, storage)))  // "fillfactor=70"
      if (size_t eq = option.find('='); eq != std::string::npos) ix.storage[option.substr(0, eq)] = option.substr(eq + 1);
    if (exclusion) {
      catalog::Constraint k;
      k.kind = catalog::Constraint::Kind::Exclusion;
      k.name = idx->Text(i, exclusion_name);
      k.operators = JsonStrings(idx->Get(i, exclusion_operators));
      k.deferrable = idx->Text(i, deferrable) == "t";
      k.initially_deferred = idx->Text(i, deferred) == "t";
      ix.name.clear();
      ix.unique = false;
      k.exclusion = std::move(ix);
      excl_table->constraints.push_back(std::move(k));
      continue;
    }
    indexes->push_back(std::move(ix));
  }
  return true;
}

auto Reader::Enums() -> bool {
  auto enums = Query(
      "select n.nspname as schema, t.typname as name, array_to_json(array(select e.enumlabel from pg_enum e "
      "where e.enumtypid = t.oid order by e.enumsortorder)) as labels, obj_description(t.oid, 'pg_type') as comment "
      "from pg_type t join pg_namespace n on n.oid = t.typnamespace where t.typtype = 'e' and " +
          std::string(kInSchemas) + " and " + NotExtension("t", "pg_type") + " order by 1, 2");
  if (!enums) return false;
  ColumnIndex col(*enums);
  const size_t schema = col("schema"), name = col("name"), labels = col("labels"), comment = col("comment");
  if (!col.Ok(error)) return false;
  for (size_t i = 0; i < enums->rows.size(); ++i)
    SchemaNamed(enums->Text(i, schema))
        .enums.push_back(catalog::Enum{enums->Text(i, name), JsonStrings(enums->Get(i, labels)), enums->Get(i, comment),
                                       std::nullopt, {}});
  return true;
}

/// Sequences of their own: not the one behind an identity column (`i`), nor
/// a serial column's (owned by a column whose default calls it), which are
/// part of their column.
auto Reader::Sequences() -> bool {
  auto seqs = Query(
      "select n.nspname as schema, c.relname as name, format_type(s.seqtypid, null) as type, "
      "s.seqstart::text as start, s.seqincrement::text as increment, s.seqmin::text as min, s.seqmax::text as max, "
      "s.seqcache::text as cache, s.seqcycle as cycle, obj_description(c.oid, 'pg_class') as comment, "
      "tn.nspname as owner_schema, tc.relname as owner_table, a.attname as owner_column "
      "from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_sequence s on s.seqrelid = c.oid "
      "left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid and d.refclassid = 'pg_class'::regclass "
      "  and d.deptype = 'a' "
      "left join pg_class tc on tc.oid = d.refobjid left join pg_namespace tn on tn.oid = tc.relnamespace "
      "left join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid "
      "where c.relkind = 'S' and " + std::string(kInSchemas) + " and " + NotExtension("c", "pg_class") +
          " and not exists (select 1 from pg_depend i where i.objid = c.oid and i.classid = 'pg_class'::regclass and i.deptype = 'i')"
          " and not exists (select 1 from pg_attrdef ad join pg_depend dd on dd.classid = 'pg_attrdef'::regclass "
          "  and dd.objid = ad.oid and dd.refobjid = c.oid where ad.adrelid = d.refobjid and ad.adnum = d.refobjsubid)"
          " order by 1, 2");
  if (!seqs) return false;
  ColumnIndex col(*seqs);
  const size_t schema = col("schema"), name = col("name"), type = col("type"), start = col("start"),
               increment = col("increment"), min = col("min"), max = col("max"), cache = col("cache"),
               cycle = col("cycle"), comment = col("comment"), owner_schema = col("owner_schema"),
               owner_table = col("owner_table"), owner_column = col("owner_column");
  if (!col.Ok(error)) return false;
  for (size_t i = 0; i < seqs->rows.size(); ++i) {
    catalog::Sequence q;
    q.name = seqs->Text(i, name);
    q.type = seqs->Text(i, type);
    EffectiveSequence e;
    e.start = std::stoll(seqs->Text(i, start));
    e.increment = std::stoll(seqs->Text(i, increment));
    e.min = std::stoll(seqs->Text(i, min));
    e.max = std::stoll(seqs->Text(i, max));
    e.cache = std::stoll(seqs->Text(i, cache));
    e.cycle = seqs->Text(i, cycle) == "t";
    q.options = CanonicalIdentityOptions(q.type, e);
    q.comment = seqs->Get(i, comment);
    if (seqs->Get(i, owner_table) && seqs->Get(i, owner_column)) {
      q.owned_table = catalog::ObjectName{seqs->Text(i, owner_schema), seqs->Text(i, owner_table)};
      q.owned_column = seqs->Text(i, owner_column);
    }
    SchemaNamed(seqs->Text(i, schema)).sequences.push_back(std::move(q));
  }
  return true;
}

/// The project's collations (CREATE COLLATION): provider `i` (ICU: its
/// locale) or `c` (libc: lc_collate and lc_ctype); `d` (the database's
/// default) is not one a user creates.
auto Reader::Collations() -> bool {
  auto colls = Query(
      "select n.nspname as schema, k.collname as name, k.collprovider::text as provider, "
      "coalesce(k.colliculocale, '') as locale, coalesce(k.collcollate, '') as lc_collate, "
      "coalesce(k.collctype, '') as lc_ctype, k.collisdeterministic as deterministic, "
      "obj_description(k.oid, 'pg_collation') as comment "
      "from pg_collation k join pg_namespace n on n.oid = k.collnamespace "
      "where k.collprovider in ('i', 'c') and " + std::string(kInSchemas) + " and " +
          NotExtension("k", "pg_collation") + " order by 1, 2");
  if (!colls) return false;
  ColumnIndex col(*colls);
  const size_t schema = col("schema"), name = col("name"), provider = col("provider"), locale = col("locale"),
               lc_collate = col("lc_collate"), lc_ctype = col("lc_ctype"), deterministic = col("deterministic"),
               comment = col("comment");
  if (!col.Ok(error)) return false;
  for (size_t i = 0; i < colls->rows.size(); ++i) {
    catalog::Collation k;
    k.name = colls->Text(i, name);
    if (colls->Text(i, provider) == "i") {
      k.provider = "icu";
      k.locale = colls->Text(i, locale);
    } else {
      k.provider = "libc";
      k.lc_collate = colls->Text(i, lc_collate);
      k.lc_ctype = colls->Text(i, lc_ctype);
    }
    k.deterministic = colls->Text(i, deterministic) == "t";
    k.comment = colls->Get(i, comment);
    SchemaNamed(colls->Text(i, schema)).collations.push_back(std::move(k));
  }
  return true;
}

/// The relations each view and materialized view reads.
auto Reader::ViewDependencies() -> bool {
  auto deps = Query(
      "select distinct v.oid::text as view_oid, rn.nspname as ref_schema, r.relname as ref_name from pg_rewrite rw "
      "join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = rw.oid and d.refclassid = 'pg_class'::regclass "
      "join pg_class r on r.oid = d.refobjid join pg_namespace rn on rn.oid = r.relnamespace "
      "join pg_class v on v.oid = rw.ev_class join pg_namespace n on n.oid = v.relnamespace "
      "where v.relkind in ('v', 'm') and r.oid <> v.oid and r.relkind in ('r', 'p', 'v', 'm') and " +
      std::string(kInSchemas));
  if (!deps) return false;
  ColumnIndex col(*deps);
  const size_t view_oid = col("view_oid"), ref_schema = col("ref_schema"), ref_name = col("ref_name");
  if (!col.Ok(error)) return false;
  for (size_t i = 0; i < deps->rows.size(); ++i) {
    auto it = by_oid.find(deps->Text(i, view_oid));
    if (it == by_oid.end() || !it->second.view) continue;
    out.catalog.schemas[it->second.schema].views[it->second.index].depends_on.push_back(
        {deps->Text(i, ref_schema), deps->Text(i, ref_name)});
  }
  return true;
}

/// What the language cannot express, so it is left alone (and said so).
auto Reader::Unmanaged() -> bool {
  const std::string in_schemas = kInSchemas;
  auto other = Query(
      "select 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' "
      "as description "
      "from pg_proc p join pg_namespace n on n.oid = p.pronamespace where " + in_schemas + " and " + NotExtension("p", "pg_proc") +
      " union all select 'trigger ' || t.tgname || ' on ' || n.nspname || '.' || c.relname from pg_trigger t "
      "join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where not t.tgisinternal and " + in_schemas +
      " union all select 'policy ' || p.polname || ' on ' || n.nspname || '.' || c.relname from pg_policy p "
      "join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace where " + in_schemas +
      " union all select 'foreign table ' || "
      "n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
      "where c.relkind = 'f' and " + in_schemas + " and " + NotExtension("c", "pg_class") +
      " and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i') and d.classid = 'pg_class'::regclass)"
      // A partition's column that differs from its parent's (a default or
      // NOT NULL of its own): a partition has no columns in .schema.
      " union all select 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || "
      "': a default or NOT NULL of the partition''s own (not expressible in .schema; kept as it is)' "
      "from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace "
      "join pg_inherits h on h.inhrelid = c.oid join pg_attribute pa on pa.attrelid = h.inhparent and pa.attname = a.attname "
      "left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum "
      "left join pg_attrdef pad on pad.adrelid = pa.attrelid and pad.adnum = pa.attnum "
      "where c.relispartition and a.attnum > 0 and not a.attisdropped and " + in_schemas +
      " and (a.attnotnull <> pa.attnotnull or pg_get_expr(ad.adbin, ad.adrelid) is distinct from pg_get_expr(pad.adbin, pad.adrelid))"
      " union all select 'type ' || n.nspname || '.' || t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace "
      "where t.typtype in ('d', 'r', 'm') and " + in_schemas + " and " + NotExtension("t", "pg_type") +
      " order by 1");
  if (!other) return false;
  ColumnIndex col(*other);
  const size_t description = col("description");
  if (!col.Ok(error)) return false;
  for (size_t i = 0; i < other->rows.size(); ++i) out.unmanaged.push_back(other->Text(i, description));
  return true;
}

}  // namespace

auto Inspect(Connection& db, const std::vector<std::string>& wanted, std::string& error) -> std::optional<Inspection> {
  if (!db.Exec(kSessionSetup, error)) return std::nullopt;
  Reader r{db, error, {}, {}, {}, {}};
  r.out.catalog.target = "postgres";
  // Relations first: the later queries attach to them by oid.
  if (!r.Schemas(wanted) || !r.Relations() || !r.Columns() || !r.Constraints() || !r.Indexes() || !r.Enums() ||
      !r.Sequences() || !r.Collations() || !r.ViewDependencies() || !r.Unmanaged())
    return std::nullopt;
  Inspection out = std::move(r.out);
  // A schema holding nothing schemac manages is still a schema; keep it,
  // except the builtin public schema, which source never declares empty.
  std::erase_if(out.catalog.schemas, [](const catalog::Schema& s) {
    return s.name == "public" && s.tables.empty() && s.views.empty() && s.enums.empty() && s.sequences.empty() &&
           s.collations.empty();
  });
  catalog::Canonicalize(out.catalog);
  out.fingerprint = fmt::format("{:016x}", std::hash<std::string>{}(catalog::ToJson(out.catalog)));
  return out;
}

template <typename Item>
void NormalizeBatch(Connection& db, catalog::Catalog& desired, const catalog::Catalog* current,
                    const std::vector<Item>& items) {
  std::string error;
  if (!db.Exec("BEGIN; SET LOCAL search_path TO public; SET LOCAL lock_timeout TO '5s';", error)) return;
  auto attempt = [&](const std::string& sql) {
    std::string e;
    if (!db.Exec("SAVEPOINT schemac_n", e)) return false;
    if (db.Exec(sql, e)) return true;
    db.Exec("ROLLBACK TO SAVEPOINT schemac_n", e);
    return false;
  };
  // Schemas and enum types the desired state needs, so that look-alikes can
  // use them (all rolled back at the end).
  for (const auto& s : desired.schemas) {
    attempt("CREATE SCHEMA IF NOT EXISTS " + QuoteIdent(s.name));
    for (const auto& k : s.collations)
      attempt("CREATE COLLATION IF NOT EXISTS " + QuoteQualified(s.name, k.name) + " (provider = " + k.provider +
              (k.provider == "icu" ? ", locale = " + QuoteLiteral(k.locale)
                                   : ", lc_collate = " + QuoteLiteral(k.lc_collate) + ", lc_ctype = " + QuoteLiteral(k.lc_ctype)) +
              (k.deterministic ? "" : ", deterministic = false") + ")");
    for (const auto& e : s.enums) {
      std::string values;
      for (const auto& v : e.values) values += (values.empty() ? "" : ", ") + QuoteLiteral(v);
      attempt("CREATE TYPE " + QuoteQualified(s.name, e.name) + " AS ENUM (" + values + ")");
    }
  }
  int n = 0;
  for (const auto& item : items) {
    auto& s = *item.schema;
    if (item.table) {
      auto& t = *item.table;
      // Text already equal to the database's own is left as it is: the server
      // does not always re-print its own output identically.
      const catalog::Table* cur_table = current ? current->FindTable({s.name, t.name}) : nullptr;
      // A temporary look-alike: same columns, defaults, generated columns,
      // checks and indexes; read back how the server stores them.
      std::string temp = "schemac_n" + std::to_string(n++);
      std::string sql = "CREATE TEMP TABLE " + temp + " (";
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const auto& c = t.columns[i];
        sql += (i ? ", " : "") + QuoteIdent(c.name) + " " + c.type;
        if (c.collation) sql += " COLLATE " + QuoteIdent(*c.collation);
        if (c.generated) sql += " GENERATED ALWAYS AS (" + *c.generated + ") STORED";
        else if (c.default_expr) sql += " DEFAULT " + *c.default_expr;
      }
      for (size_t k = 0; k < t.constraints.size(); ++k)
        if (t.constraints[k].kind == catalog::Constraint::Kind::Check)
          sql += ", CONSTRAINT c" + std::to_string(k) + " CHECK (" + t.constraints[k].check + ")";
      sql += ")";
      auto partition = t.options.find("partition_by");
      if (partition != t.options.end()) sql += " PARTITION BY " + partition->second;
      if (!attempt(sql)) continue;
      if (partition != t.options.end() &&
          !(cur_table && cur_table->options.count("partition_by") && cur_table->options.at("partition_by") == partition->second)) {
        auto key = db.Query("select pg_get_partkeydef($1::regclass)", {"pg_temp." + temp}, error);
        if (key && !key->rows.empty() && key->Get(0, 0)) partition->second = key->Text(0, 0);
      }
      auto cols = db.Query(
          "select a.attname, pg_get_expr(ad.adbin, ad.adrelid), a.attgenerated = 's' from pg_attribute a join "
          "pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum where a.attrelid = $1::regclass",
          {"pg_temp." + temp}, error);
      // Where the server's spelling of a desired expression means what the
      // database has, the database's text is taken (no change); otherwise
      // the source's text stays, so that a plan shows what the user wrote.
      // Not over a column whose type changes: such expressions are made
      // again from the source's text.
      auto stable = [&](const std::string& expr) {
        for (const auto& name : ExpressionColumns(expr)) {
          const catalog::Column *a = t.FindColumn(name), *b = cur_table ? cur_table->FindColumn(name) : nullptr;
          if (a && b && (a->type != b->type || a->collation != b->collation)) return false;
        }
        return true;
      };
      if (cols)
        for (size_t i = 0; i < cols->rows.size(); ++i)
          for (auto& c : t.columns)
            if (c.name == cols->Text(i, 0)) {
              bool generated = cols->Text(i, 2) == "t";
              auto& field = generated ? c.generated : c.default_expr;
              const catalog::Column* was = cur_table ? cur_table->FindColumn(c.name) : nullptr;
              const auto* old = was ? (generated ? &was->generated : &was->default_expr) : nullptr;
              auto server = cols->Get(i, 1);
              if (old && *old && field && server && stable(*field) && SameExpressionText(*server, **old)) field = *old;
            }
      auto checks = db.Query(
          "select conname, pg_get_expr(conbin, conrelid) from pg_constraint where conrelid = $1::regclass and contype = 'c'",
          {"pg_temp." + temp}, error);
      if (checks && cur_table)
        for (size_t i = 0; i < checks->rows.size(); ++i) {
          size_t k = std::stoul(checks->Text(i, 0).substr(1));
          if (k >= t.constraints.size() || !stable(t.constraints[k].check)) continue;
          std::string server = checks->Text(i, 1);
          // The check of the same name, or another one that means the same (a rename).
          const catalog::Constraint* same = nullptr;
          for (int pass = 0; pass < 2 && !same; ++pass)
            for (const auto& x : cur_table->constraints)
              if (x.kind == catalog::Constraint::Kind::Check && (pass == 1 || x.name == t.constraints[k].name) &&
                  SameExpressionText(server, x.check)) {
                same = &x;
                break;
              }
          if (same) t.constraints[k].check = same->check;
        }
      // An index, or an exclusion constraint's (named as the constraint),
      // against the current table's `candidates`.
      auto normalize_index = [&](catalog::Index& ix, const std::vector<catalog::Index>& candidates, const std::string& tag) {
        bool has_expr = ix.where.has_value();
        for (const auto& k : ix.keys) has_expr |= k.column.empty();
        if (!has_expr) return;
        std::string iname = temp + "_" + tag;
        std::string isql = "CREATE INDEX " + iname + " ON pg_temp." + temp + (ix.method != "btree" ? " USING " + ix.method : "") + " (";
        for (size_t k = 0; k < ix.keys.size(); ++k)
          isql += (k ? ", " : "") + (ix.keys[k].column.empty() ? "(" + ix.keys[k].expression + ")" : QuoteIdent(ix.keys[k].column));
        isql += ")";
        if (ix.where) isql += " WHERE " + *ix.where;
        if (!attempt(isql)) return;  // next index
        auto back = db.Query(
            "select array_to_json(array(select pg_get_indexdef(i.indexrelid, k + 1, true) from generate_series(0, i.indnkeyatts - 1) k "
            "order by k)), pg_get_expr(i.indpred, i.indrelid) from pg_index i where i.indexrelid = $1::regclass",
            {"pg_temp." + iname}, error);
        bool keys_stable = !ix.where || stable(*ix.where);
        for (const auto& k : ix.keys) keys_stable = keys_stable && (!k.column.empty() || stable(k.expression));
        if (!back || back->rows.empty() || !cur_table || !keys_stable) return;
        auto defs = JsonStrings(back->Get(0, 0));
        auto where = back->Get(0, 1);
        // The index of the same name, or another one that means the same (a rename).
        auto same_as = [&](const catalog::Index& ci) {
          if (ci.keys.size() != ix.keys.size() || ci.where.has_value() != ix.where.has_value() || defs.size() < ix.keys.size())
            return false;
          for (size_t k = 0; k < ix.keys.size(); ++k)
            if (ix.keys[k].column != ci.keys[k].column ||
                (ix.keys[k].column.empty() && !SameExpressionText(defs[k], ci.keys[k].expression)))
              return false;
          return !ix.where || (where && SameExpressionText(*where, *ci.where));
        };
        const catalog::Index* same = nullptr;
        for (int pass = 0; pass < 2 && !same; ++pass)
          for (const auto& ci : candidates)
            if ((pass == 1 || ci.name == ix.name) && same_as(ci)) {
              same = &ci;
              break;
            }
        if (!same) return;
        for (size_t k = 0; k < ix.keys.size(); ++k)
          if (ix.keys[k].column.empty()) ix.keys[k].expression = same->keys[k].expression;
        ix.where = same->where;
      };
      for (size_t x = 0; x < t.indexes.size(); ++x)
        normalize_index(t.indexes[x], cur_table ? cur_table->indexes : std::vector<catalog::Index>{}, "i" + std::to_string(x));
      std::vector<catalog::Index> exclusions;
      if (cur_table)
        for (const auto& k : cur_table->constraints)
          if (k.kind == catalog::Constraint::Kind::Exclusion) {
            exclusions.push_back(k.exclusion);
            exclusions.back().name = k.name;
          }
      for (size_t x = 0; x < t.constraints.size(); ++x) {
        auto& k = t.constraints[x];
        if (k.kind != catalog::Constraint::Kind::Exclusion) continue;
        catalog::Index ix = k.exclusion;
        ix.name = k.name;
        normalize_index(ix, exclusions, "x" + std::to_string(x));
        for (size_t i = 0; i < ix.keys.size() && i < k.exclusion.keys.size(); ++i) k.exclusion.keys[i].expression = ix.keys[i].expression;
        k.exclusion.where = ix.where;
      }
    }
    // Views: a temporary view with the same body, resolved in the view's schema.
    if (item.view) {
      auto& v = *item.view;
      std::string temp = "schemac_v" + std::to_string(n++);
      if (!attempt("SET LOCAL search_path TO " + QuoteIdent(s.name) + ", public; CREATE TEMP VIEW " + temp + " AS " +
                   v.definition + "\n; SET LOCAL search_path TO public"))
        continue;
      db.Exec("SET LOCAL search_path TO ''", error);  // as Inspect reads bodies: every relation qualified
      auto def = db.Query("select pg_get_viewdef($1::regclass, true)", {"pg_temp." + temp}, error);
      db.Exec("SET LOCAL search_path TO public", error);
      if (!def || def->rows.empty()) continue;
      std::string text = def->Text(0, 0);
      while (!text.empty() && (text.back() == ';' || std::isspace(static_cast<unsigned char>(text.back())))) text.pop_back();
      while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.erase(0, 1);
      const catalog::View* was = current ? current->FindView({s.name, v.name}) : nullptr;
      if (!(was && was->definition == v.definition)) v.definition = text;
    }
  }
  db.Exec("ROLLBACK", error);
}

/// Partition bounds as the server prints them: a temporary parent with the
/// root's columns and the parent's key, a temporary partition with the
/// desired bound, read back (all rolled back). Only where the text differs
/// from the current bound, so `'2024-01-01'` on a timestamptz key means what
/// the database's `'2024-01-01 00:00:00+00'` means.
void NormalizeBounds(Connection& db, catalog::Catalog& desired, const catalog::Catalog* current) {
  std::vector<std::pair<const catalog::Schema*, catalog::Table*>> todo;
  for (auto& s : desired.schemas)
    for (auto& t : s.tables) {
      if (!t.partition_of) continue;
      const catalog::Table* was = current ? current->FindTable({s.name, t.name}) : nullptr;
      if (was && was->partition_of && was->partition_bound != t.partition_bound) todo.push_back({&s, &t});
    }
  if (todo.empty()) return;
  std::string error;
  if (!db.Exec("BEGIN; SET LOCAL search_path TO public; SET LOCAL lock_timeout TO '5s';", error)) return;
  int n = 0;
  for (auto& [s, t] : todo) {
    const catalog::Table* parent = desired.FindTable(*t->partition_of);
    const catalog::Table* root = parent;
    for (int depth = 0; root && root->partition_of && depth < 32; ++depth) root = desired.FindTable(*root->partition_of);
    if (!parent || !root || !parent->options.count("partition_by")) continue;
    std::string columns;
    for (const auto& c : root->columns)
      columns += (columns.empty() ? "" : ", ") + QuoteIdent(c.name) + " " + c.type +
                 (c.collation ? " COLLATE " + QuoteIdent(*c.collation) : "");
    std::string p = "schemac_p" + std::to_string(n), child = "schemac_c" + std::to_string(n++);
    std::string e;
    if (!db.Exec("SAVEPOINT schemac_b", e)) break;
    if (!db.Exec("CREATE TEMP TABLE " + p + " (" + columns + ") PARTITION BY " + parent->options.at("partition_by") +
                     "; CREATE TEMP TABLE " + child + " PARTITION OF " + p + " " + t->partition_bound,
                 e)) {
      db.Exec("ROLLBACK TO SAVEPOINT schemac_b", e);
      continue;
    }
    auto back = db.Query("select pg_get_expr(relpartbound, oid) from pg_class where oid = $1::regclass", {"pg_temp." + child}, error);
    if (back && !back->rows.empty() && back->Get(0, 0)) t->partition_bound = back->Text(0, 0);
  }
  db.Exec("ROLLBACK", error);
}

void NormalizeWithServer(Connection& db, catalog::Catalog& desired, const catalog::Catalog* current) {
  NormalizeBounds(db, desired, current);
  // Look-alikes are made in batches, each in its own rolled-back transaction,
  // so that a schema of thousands of tables stays within the server's lock
  // table (max_locks_per_transaction).
  constexpr size_t kBatch = 200;
  struct Item {
    catalog::Schema* schema;
    catalog::Table* table;
    catalog::View* view;
  };
  // Only objects that exist on both sides are compared, and only those whose
  // expressions are spelled differently need the server's spelling.
  std::vector<Item> items;
  ViewAnalyzer desired_views(desired);
  std::optional<ViewAnalyzer> current_views;
  if (current) current_views.emplace(*current);
  for (auto& s : desired.schemas) {
    for (auto& t : s.tables) {
      const catalog::Table* was = current ? current->FindTable({s.name, t.name}) : nullptr;
      if (current && !was) continue;
      bool differs = !was;
      for (const auto& c : t.columns) {
        const catalog::Column* wc = was ? was->FindColumn(c.name) : nullptr;
        auto same = [](const std::optional<std::string>& a, const std::optional<std::string>& b) {
          return a.has_value() == b.has_value() && (!a || SameExpressionText(*a, *b));
        };
        if (wc && (!same(wc->default_expr, c.default_expr) || !same(wc->generated, c.generated))) differs = true;
      }
      for (const auto& k : t.constraints)
        if (k.kind == catalog::Constraint::Kind::Check && was &&
            std::none_of(was->constraints.begin(), was->constraints.end(), [&](const catalog::Constraint& x) {
              return x.kind == catalog::Constraint::Kind::Check && x.name == k.name && SameExpressionText(x.check, k.check);
            }))
          differs = true;
      for (const auto& ix : t.indexes) {
        bool has_expr = ix.where.has_value();
        for (const auto& key : ix.keys) has_expr |= key.column.empty();
        if (has_expr && was &&
            std::none_of(was->indexes.begin(), was->indexes.end(), [&](const catalog::Index& x) {
              if (x.unique != ix.unique || x.method != ix.method || x.keys.size() != ix.keys.size() ||
                  x.where.has_value() != ix.where.has_value() || (x.where && !SameExpressionText(*x.where, *ix.where)))
                return false;
              for (size_t k = 0; k < x.keys.size(); ++k)
                if (x.keys[k].column != ix.keys[k].column ||
                    (x.keys[k].column.empty() && !SameExpressionText(x.keys[k].expression, ix.keys[k].expression)))
                  return false;
              return true;
            }))
          differs = true;
      }
      for (const auto& k : t.constraints) {  // an exclusion constraint's expressions: always asked
        bool has_expr = k.exclusion.where.has_value();
        for (const auto& key : k.exclusion.keys) has_expr |= key.column.empty();
        if (k.kind == catalog::Constraint::Kind::Exclusion && has_expr && was) differs = true;
      }
      if (was && t.options.count("partition_by") && was->options != t.options) differs = true;
      if (differs) items.push_back({&s, &t, nullptr});
    }
    for (auto& v : s.views) {
      const catalog::View* was = current ? current->FindView({s.name, v.name}) : nullptr;
      if (current && (!was || was->definition == v.definition)) continue;
      if (current) {  // the same by meaning offline: nothing to ask the server
        const ViewAnalysis &a = desired_views.Analyze({s.name, v.name}), &b = current_views->Analyze({s.name, v.name});
        if (a.parsed && b.parsed && a.key == b.key) continue;
      }
      items.push_back({&s, nullptr, &v});
    }
  }
  for (size_t from = 0; from < items.size(); from += kBatch)
    NormalizeBatch(db, desired, current, std::vector<Item>(items.begin() + static_cast<long>(from),
                                                  items.begin() + static_cast<long>(std::min(items.size(), from + kBatch))));
}

}  // namespace schemac::backends::postgres
