// The lock estimate of a migration, and the size of the server's lock table.
//
// Postgres keeps one entry in its shared lock table per object a transaction
// locks (whatever the number of modes), until the transaction ends. Measured
// on Postgres 15: CREATE TABLE with an identity primary key and a unique text
// column holds 6 relation locks (the table, its TOAST table and TOAST index,
// two indexes, the sequence) and a lock on the schema; DROP TABLE also locks
// the table's row and array types, constraints, defaults and the triggers of
// its foreign keys; adding a foreign key locks both tables with all their
// indexes. Catalog locks are mostly released at the end of each statement.
#include "backends/postgres/locks.h"

#include <set>
#include <variant>

namespace schemac::backends::postgres {
namespace {

/// Entries for the transaction itself (its transaction id, catalogs such as
/// pg_description that stay locked to the end) and some slack.
constexpr size_t kTransactionEntries = 10;

struct Footprint {
  const catalog::Catalog& from;
  const catalog::Catalog& to;
  std::set<std::string> keys;  // one per lockable object

  void Add(std::string key) { keys.insert(std::move(key)); }
  void Relation(const std::string& schema, const std::string& name) { Add("relation " + schema + "." + name); }

  /// A table and what is locked with it: TOAST table and index, every index
  /// (its own and its keys'), every sequence its columns own; when it is
  /// dropped, also the objects that go with it.
  void Table(const std::string& schema, const std::string& name, bool dropped = false) {
    std::string qualified = schema + "." + name;
    Relation(schema, name);
    Add("toast " + qualified);
    Add("toast index " + qualified);
    for (const catalog::Catalog* c : {&from, &to}) {
      const catalog::Table* t = c->FindTable({schema, name});
      if (!t) continue;
      for (const auto& ix : t->indexes) Relation(schema, ix.name);
      for (const auto& k : t->constraints)
        if (k.kind == catalog::Constraint::Kind::PrimaryKey || k.kind == catalog::Constraint::Kind::Unique ||
            k.kind == catalog::Constraint::Kind::Exclusion)
          Relation(schema, k.name);
      for (const auto& col : t->columns)
        if (!col.identity.empty() || (col.default_expr && col.default_expr->find("nextval(") != std::string::npos))
          Add("sequence " + qualified + "." + col.name);
      if (!dropped) continue;
      Add("row type " + qualified);
      Add("array type " + qualified);
      for (const auto& k : t->constraints) {
        Add("constraint " + qualified + "." + k.name);
        ForeignKeyTriggers(qualified, k);
      }
      for (const auto& col : t->columns)
        if (col.default_expr || col.generated) Add("default " + qualified + "." + col.name);
    }
  }

  /// A foreign key added or dropped: the referenced table with its indexes,
  /// and the two triggers on each side.
  void ForeignKey(const std::string& schema, const std::string& table, const catalog::Constraint& k) {
    if (k.kind != catalog::Constraint::Kind::ForeignKey) return;
    Table(k.ref_table.schema, k.ref_table.name);
    ForeignKeyTriggers(schema + "." + table, k);
  }
  void ForeignKeyTriggers(const std::string& qualified, const catalog::Constraint& k) {
    if (k.kind != catalog::Constraint::Kind::ForeignKey) return;
    for (int i = 1; i <= 4; ++i) Add("trigger " + qualified + "." + k.name + "." + std::to_string(i));
  }

  void Type(const std::string& schema, const std::string& name) {
    Add("type " + schema + "." + name);
    Add("array type " + schema + "." + name);
  }
  void ColumnType(const catalog::Column& c) {
    if (c.type_ref) Type(c.type_ref->schema, c.type_ref->name);
  }

  void operator()(const diff::CreateSchema& c) { Add("schema " + c.schema); }
  void operator()(const diff::DropSchema& c) { Add("schema " + c.schema); }
  void operator()(const diff::CreateEnum& c) {
    Add("schema " + c.schema);
    Type(c.schema, c.enum_type.name);
  }
  void operator()(const diff::DropEnum& c) { Type(c.schema, c.enum_type.name); }
  void operator()(const diff::RenameEnum& c) {
    Type(c.schema, c.from);
    Type(c.schema, c.to);
  }
  void operator()(const diff::AddEnumValue& c) { Type(c.schema, c.name); }
  void operator()(const diff::RenameEnumValue& c) { Type(c.schema, c.name); }
  void operator()(const diff::CreateTable& c) {
    Add("schema " + c.schema);
    Table(c.schema, c.table.name);
    for (const auto& k : c.table.constraints) ForeignKey(c.schema, c.table.name, k);
    for (const auto& col : c.table.columns) ColumnType(col);
  }
  void operator()(const diff::CreateCollation& c) {
    Add("schema " + c.schema);
    Add("collation " + c.schema + "." + c.collation.name);
  }
  void operator()(const diff::DropCollation& c) { Add("collation " + c.schema + "." + c.collation.name); }
  void operator()(const diff::CreateSequence& c) {
    Add("schema " + c.schema);
    Relation(c.schema, c.sequence.name);
  }
  void operator()(const diff::DropSequence& c) { Relation(c.schema, c.sequence.name); }
  void operator()(const diff::AlterSequence& c) {
    Relation(c.schema, c.to.name);
    if (c.to.owned_table) Table(c.to.owned_table->schema, c.to.owned_table->name);
  }
  void operator()(const diff::AttachPartition& c) {
    Table(c.schema, c.table);
    Table(c.from_parent.schema, c.from_parent.name);
    Table(c.parent.schema, c.parent.name);
  }
  void operator()(const diff::DropTable& c) {
    Table(c.schema, c.table.name, true);
    for (const auto& k : c.table.constraints) ForeignKey(c.schema, c.table.name, k);
  }
  void operator()(const diff::AlterTable& c) { Table(c.schema, c.to.name); }
  void operator()(const diff::RebuildTable& c) {
    Table(c.schema, c.from.name, true);
    Table(c.schema, c.to.name);
  }
  void operator()(const diff::RenameTable& c) {
    Table(c.schema, c.from);
    Table(c.schema, c.to);
  }
  void operator()(const diff::AddColumn& c) {
    Table(c.schema, c.table);
    ColumnType(c.column);
  }
  void operator()(const diff::DropColumn& c) {
    Table(c.schema, c.table);
    if (c.column.default_expr || c.column.generated) Add("default " + c.schema + "." + c.table + "." + c.column.name);
  }
  void operator()(const diff::RenameColumn& c) { Table(c.schema, c.table); }
  void operator()(const diff::AlterColumn& c) {
    Table(c.schema, c.table);
    ColumnType(c.from);
    ColumnType(c.to);
  }
  void operator()(const diff::AddConstraint& c) {
    Table(c.schema, c.table);
    ForeignKey(c.schema, c.table, c.constraint);
  }
  void operator()(const diff::DropConstraint& c) {
    Table(c.schema, c.table);
    Add("constraint " + c.schema + "." + c.table + "." + c.constraint.name);
    ForeignKey(c.schema, c.table, c.constraint);
  }
  void operator()(const diff::RenameConstraint& c) { Table(c.schema, c.table); }
  void operator()(const diff::AlterConstraint& c) {  // the key, its table, its triggers and the referenced table
    Table(c.schema, c.table);
    ForeignKey(c.schema, c.table, c.to);
  }
  void operator()(const diff::CreateIndex& c) {
    Table(c.schema, c.table);
    Relation(c.schema, c.index.name);
  }
  void operator()(const diff::DropIndex& c) {
    Table(c.schema, c.table);
    Relation(c.schema, c.index.name);
  }
  void operator()(const diff::RenameIndex& c) {
    Relation(c.schema, c.from);
    Relation(c.schema, c.to);
    for (const catalog::Catalog* cat : {&from, &to})
      if (const auto* s = cat->FindSchema(c.schema))
        for (const auto& t : s->tables)
          for (const auto& ix : t.indexes)
            if (ix.name == c.from || ix.name == c.to) Table(c.schema, t.name);
  }
  void operator()(const diff::CreateView& c) {
    Add("schema " + c.schema);
    Relation(c.schema, c.view.name);
    for (const auto& d : c.view.depends_on) Relation(d.schema, d.name);
    if (c.view.materialized) {
      Add("toast " + c.schema + "." + c.view.name);
      Add("toast index " + c.schema + "." + c.view.name);
    }
  }
  void operator()(const diff::DropView& c) {
    Relation(c.schema, c.view.name);
    Add("row type " + c.schema + "." + c.view.name);
    Add("array type " + c.schema + "." + c.view.name);
    Add("rule " + c.schema + "." + c.view.name);
    if (c.view.materialized) {
      Add("toast " + c.schema + "." + c.view.name);
      Add("toast index " + c.schema + "." + c.view.name);
    }
  }
  void operator()(const diff::CreatePipe&) {}
  void operator()(const diff::DropPipe&) {}
  void operator()(const diff::PausePipe&) {}
  void operator()(const diff::ReplacePipe&) {}
  void operator()(const diff::SetComment& c) {
    Relation("pg_catalog", "pg_description");
    if (c.on == diff::SetComment::On::Enum) Add("type " + c.schema + "." + c.name);
    else if (c.on == diff::SetComment::On::Collation) Add("collation " + c.schema + "." + c.name);
    else Relation(c.schema, c.name);
  }
};

}  // namespace

auto ReadLockTable(Connection& db, std::string& error) -> std::optional<target::LockTable> {
  // The lock table has room for max_locks_per_transaction objects per
  // server process (MaxBackends) and prepared transaction (PG 12-15).
  auto rows = db.Query(
      "select current_setting('max_locks_per_transaction')::bigint, "
      "current_setting('max_connections')::bigint + current_setting('autovacuum_max_workers')::bigint + 1 + "
      "current_setting('max_worker_processes')::bigint + coalesce(current_setting('max_wal_senders', true)::bigint, 0) + "
      "current_setting('max_prepared_transactions')::bigint",
      {}, error);
  if (!rows || rows->rows.empty()) return std::nullopt;
  target::LockTable t;
  t.per_transaction = std::stoul(rows->Text(0, 0));
  t.slots = std::stoul(rows->Text(0, 1));
  return t;
}

auto EstimateLocks(const plan::Plan& plan, const std::vector<size_t>& changes, const catalog::Catalog& from,
                   const catalog::Catalog& to) -> size_t {
  Footprint f{from, to, {}};
  for (size_t i : changes)
    if (i < plan.changes.size()) std::visit(f, plan.changes[i].op);
  return f.keys.size() + kTransactionEntries;
}

}  // namespace schemac::backends::postgres
