// The in-memory applier. Each change is checked against the state it finds,
// so an out-of-order plan (a view created before its table, a key before its
// referenced table) is reported as an error, like the database would.
#include "compiler/plan/simulate.h"

#include <algorithm>
#include <set>

#include "compiler/target/target.h"

namespace schemac::plan {
namespace {

using namespace diff;

struct Applier {
  catalog::Catalog c;
  std::string error;
  const target::Backend& backend;  // the plan's target: its builtin schemas, how it renames inside expressions
  std::set<catalog::ObjectName> paused = {};  // pipes paused and drained, not yet made again

  auto Fail(const std::string& e) -> bool {
    if (error.empty()) error = e;
    return false;
  }
  auto Schema(const std::string& n) -> catalog::Schema* {
    for (auto& s : c.schemas)
      if (s.name == n) return &s;
    return nullptr;
  }
  /// The builtin schema exists implicitly.
  auto SchemaOrBuiltin(const std::string& n) -> catalog::Schema* {
    if (auto* s = Schema(n)) return s;
    if (backend.IsBuiltinSchema(n)) {
      c.schemas.push_back(catalog::Schema{n, {}, {}, {}, {}});
      return &c.schemas.back();
    }
    Fail("schema " + n + " does not exist");
    return nullptr;
  }
  auto Table(const std::string& s, const std::string& t) -> catalog::Table* {
    auto* sc = Schema(s);
    if (!sc) return nullptr;
    for (auto& x : sc->tables)
      if (x.name == t) return &x;
    return nullptr;
  }
  auto NeedTable(const std::string& s, const std::string& t) -> catalog::Table* {
    auto* x = Table(s, t);
    if (!x) Fail("table " + s + "." + t + " does not exist");
    return x;
  }
  /// An extern table is not the plan's: it exists, with whatever it has.
  auto IsExtern(const catalog::ObjectName& n) const -> bool {
    return std::find(c.externs.begin(), c.externs.end(), n) != c.externs.end();
  }
  auto RelationExists(const catalog::ObjectName& n) -> bool {
    if (IsExtern(n)) return true;
    auto* s = Schema(n.schema);
    if (!s) return false;
    return std::any_of(s->tables.begin(), s->tables.end(), [&](auto& t) { return t.name == n.name; }) ||
           std::any_of(s->views.begin(), s->views.end(), [&](auto& v) { return v.name == n.name; });
  }
  /// Is a relation still read by a view (other than `except`)?
  auto ReadByView(const catalog::ObjectName& n) -> std::string {
    for (const auto& s : c.schemas)
      for (const auto& v : s.views)
        if (std::find(v.depends_on.begin(), v.depends_on.end(), n) != v.depends_on.end()) return s.name + "." + v.name;
    return "";
  }
  /// A view that reads column `column` of `table` — or may: one whose body
  /// the backend cannot read — or "". Views are tied to the columns they
  /// read, as the differ assumes (`*` reads every column).
  auto ReadsColumn(const catalog::ObjectName& table, const std::string& column) -> std::string {
    std::optional<catalog::Catalog> canonical;  // the backend's lookups need a sorted catalog
    for (const auto& s : c.schemas)
      for (const auto& v : s.views) {
        if (std::find(v.depends_on.begin(), v.depends_on.end(), table) == v.depends_on.end()) continue;
        if (!canonical) {
          canonical = c;
          catalog::Canonicalize(*canonical);
        }
        auto reads = backend.ViewColumns(*canonical, {s.name, v.name});
        bool found = false, uses = false;
        for (const auto& r : reads ? *reads : std::vector<target::ViewRead>{})
          if (r.relation == table) {
            found = true;
            uses = uses || std::find(r.columns.begin(), r.columns.end(), column) != r.columns.end() ||
                   std::find(r.columns.begin(), r.columns.end(), "*") != r.columns.end();
          }
        if (!reads || !found || uses) return s.name + "." + v.name;
      }
    return "";
  }
  auto CheckForeignKey(const catalog::Constraint& k) -> bool {
    if (k.kind != catalog::Constraint::Kind::ForeignKey) return true;
    if (IsExtern(k.ref_table)) return true;
    auto* ref = Table(k.ref_table.schema, k.ref_table.name);
    if (!ref) return Fail("foreign key " + k.name + " references missing table " + k.ref_table.name);
    for (const auto& col : k.ref_columns)
      if (!ref->FindColumn(col)) return Fail("foreign key " + k.name + " references missing column " + col);
    return true;
  }
  template <typename V, typename P>
  static auto Erase(V& v, P pred) -> bool {
    auto it = std::find_if(v.begin(), v.end(), pred);
    if (it == v.end()) return false;
    v.erase(it);
    return true;
  }

  auto operator()(const CreateSchema& x) -> bool {
    if (Schema(x.schema)) return Fail("schema " + x.schema + " exists");
    c.schemas.push_back(catalog::Schema{x.schema, {}, {}, {}, {}});
    return true;
  }
  auto operator()(const DropSchema& x) -> bool {
    auto* s = Schema(x.schema);
    if (!s) return Fail("schema " + x.schema + " does not exist");
    if (!s->tables.empty() || !s->views.empty() || !s->enums.empty() || !s->sequences.empty() ||
        !s->collations.empty()) return Fail("schema " + x.schema + " is not empty");
    return Erase(c.schemas, [&](auto& y) { return y.name == x.schema; });
  }
  auto operator()(const CreateEnum& x) -> bool {
    auto* s = SchemaOrBuiltin(x.schema);
    if (!s) return false;
    s->enums.push_back(x.enum_type);
    return true;
  }
  auto operator()(const DropEnum& x) -> bool {
    auto* s = Schema(x.schema);
    if (!s) return Fail("schema missing");
    for (const auto& sc : c.schemas)
      for (const auto& t : sc.tables)
        for (const auto& col : t.columns)
          if (col.type_ref == catalog::ObjectName{x.schema, x.enum_type.name})
            return Fail("enum " + x.enum_type.name + " is still used by " + t.name + "." + col.name);
    return Erase(s->enums, [&](auto& e) { return e.name == x.enum_type.name; }) || Fail("enum missing");
  }
  auto operator()(const RenameEnum& x) -> bool {
    auto* s = Schema(x.schema);
    if (!s) return Fail("schema missing");
    for (auto& e : s->enums)
      if (e.name == x.from) {
        e.name = x.to;
        for (auto& sc : c.schemas)
          for (auto& t : sc.tables)
            for (auto& col : t.columns)
              if (col.type_ref == catalog::ObjectName{x.schema, x.from}) {
                col.type_ref->name = x.to;
                col.type = backend.SpellRenamedType(col.type, *col.type_ref);
              }
        return true;
      }
    return Fail("enum " + x.from + " missing");
  }
  auto operator()(const RenameEnumValue& x) -> bool {
    auto* s = Schema(x.schema);
    if (!s) return Fail("schema missing");
    for (auto& e : s->enums)
      if (e.name == x.name) {
        auto it = std::find(e.values.begin(), e.values.end(), x.from);
        if (it == e.values.end()) return Fail("enum value " + x.from + " missing");
        if (std::find(e.values.begin(), e.values.end(), x.to) != e.values.end()) return Fail("enum value " + x.to + " exists");
        *it = x.to;
        return true;
      }
    return Fail("enum " + x.name + " missing");
  }
  auto operator()(const AddEnumValue& x) -> bool {
    auto* s = Schema(x.schema);
    if (!s) return Fail("schema missing");
    for (auto& e : s->enums)
      if (e.name == x.name) {
        auto pos = x.before.empty() ? e.values.end() : std::find(e.values.begin(), e.values.end(), x.before);
        if (!x.before.empty() && pos == e.values.end()) return Fail("enum value " + x.before + " missing");
        e.values.insert(pos, x.value);
        return true;
      }
    return Fail("enum " + x.name + " missing");
  }
  auto operator()(const CreateTable& x) -> bool {
    auto* s = SchemaOrBuiltin(x.schema);
    if (!s) return false;
    if (Table(x.schema, x.table.name)) return Fail("table " + x.table.name + " exists");
    if (x.table.partition_of && !Partitioned(*x.table.partition_of))
      return Fail("table " + x.table.partition_of->name + " is missing or not partitioned for partition " + x.table.name);
    catalog::Table t = x.table;
    t.renamed_from.reset();
    for (auto& col : t.columns) col.renamed_from.reset();
    s->tables.push_back(t);
    for (const auto& k : x.table.constraints)
      if (!CheckForeignKey(k)) return false;
    for (const auto& col : x.table.columns)
      if (col.type_ref && !EnumExists(*col.type_ref)) return Fail("enum " + col.type_ref->name + " missing for " + t.name);
    return true;
  }
  auto EnumExists(const catalog::ObjectName& n) -> bool {
    auto* s = Schema(n.schema);
    return s && std::any_of(s->enums.begin(), s->enums.end(), [&](auto& e) { return e.name == n.name; });
  }
  auto operator()(const CreateCollation& x) -> bool {
    auto* s = SchemaOrBuiltin(x.schema);
    if (!s) return false;
    if (s->FindCollation(x.collation.name)) return Fail("collation " + x.collation.name + " exists");
    s->collations.push_back(x.collation);
    return true;
  }
  /// A collation a column or index key uses cannot be dropped.
  auto operator()(const DropCollation& x) -> bool {
    auto* s = Schema(x.schema);
    if (!s || !s->FindCollation(x.collation.name)) return Fail("collation " + x.collation.name + " missing");
    for (const auto& sc : c.schemas)
      for (const auto& t : sc.tables) {
        for (const auto& col : t.columns)
          if (col.collation == x.collation.name) return Fail("collation " + x.collation.name + " is used by " + t.name + "." + col.name);
        for (const auto& ix : t.indexes)
          for (const auto& k : ix.keys)
            if (k.collation == x.collation.name) return Fail("collation " + x.collation.name + " is used by index " + ix.name);
      }
    return Erase(s->collations, [&](auto& k) { return k.name == x.collation.name; });
  }
  auto operator()(const CreateSequence& x) -> bool {
    auto* s = SchemaOrBuiltin(x.schema);
    if (!s) return false;
    if (RelationExists({x.schema, x.sequence.name}) || s->FindSequence(x.sequence.name))
      return Fail("relation " + x.sequence.name + " exists");
    if (x.sequence.owned_table && !OwnerExists(x.sequence)) return Fail("owner of sequence " + x.sequence.name + " missing");
    s->sequences.push_back(x.sequence);
    return true;
  }
  auto OwnerExists(const catalog::Sequence& q) -> bool {
    auto* t = Table(q.owned_table->schema, q.owned_table->name);
    return t && t->FindColumn(q.owned_column);
  }
  auto operator()(const AlterSequence& x) -> bool {
    auto* s = Schema(x.schema);
    if (!s) return Fail("schema missing");
    for (auto& q : s->sequences)
      if (q.name == x.from.name) {
        if (x.to.owned_table && !OwnerExists(x.to)) return Fail("owner of sequence " + x.to.name + " missing");
        q = x.to;
        return true;
      }
    return Fail("sequence " + x.from.name + " missing");
  }
  auto operator()(const DropSequence& x) -> bool {
    // DROP SEQUENCE IF EXISTS: the owner's drop may have taken it.
    if (auto* s = Schema(x.schema)) Erase(s->sequences, [&](auto& q) { return q.name == x.sequence.name; });
    return true;
  }
  /// A sequence goes with the table or column that owns it.
  void DropOwned(const std::string& schema, const std::string& table, const std::string& column) {
    for (auto& s : c.schemas)
      std::erase_if(s.sequences, [&](auto& q) {
        return q.owned_table == catalog::ObjectName{schema, table} && (column.empty() || q.owned_column == column);
      });
  }
  auto Partitioned(const catalog::ObjectName& n) -> bool {
    auto* t = Table(n.schema, n.name);
    return t && backend.IsPartitioned(*t);
  }
  auto operator()(const AttachPartition& x) -> bool {
    auto* t = NeedTable(x.schema, x.table);
    if (!t) return false;
    if (t->partition_of != x.from_parent) return Fail("table " + x.table + " is not a partition of " + x.from_parent.name);
    if (!Partitioned(x.parent)) return Fail("table " + x.parent.name + " is missing or not partitioned");
    t->partition_of = x.parent;
    t->partition_bound = x.bound;
    return true;
  }
  auto operator()(const DropTable& x) -> bool {
    auto* s = Schema(x.schema);
    if (!s) return Fail("schema missing");
    // A plan drops the partitions first (a database may drop them along).
    for (const auto& sc : c.schemas)
      for (const auto& t : sc.tables)
        if (t.partition_of == catalog::ObjectName{x.schema, x.table.name})
          return Fail("table " + x.table.name + " still has partition " + t.name);
    if (auto v = ReadByView({x.schema, x.table.name}); !v.empty()) return Fail("table " + x.table.name + " is read by " + v);
    for (const auto& sc : c.schemas)
      for (const auto& p : sc.pipes)
        if (p.table == catalog::ObjectName{x.schema, x.table.name})
          return Fail("table " + x.table.name + " is loaded by pipe " + p.name);
    for (const auto& sc : c.schemas)
      for (const auto& t : sc.tables)
        for (const auto& k : t.constraints)
          if (k.kind == catalog::Constraint::Kind::ForeignKey && k.ref_table == catalog::ObjectName{x.schema, x.table.name} &&
              !(sc.name == x.schema && t.name == x.table.name))
            return Fail("table " + x.table.name + " is referenced by " + k.name);
    DropOwned(x.schema, x.table.name, "");
    return Erase(s->tables, [&](auto& t) { return t.name == x.table.name; }) || Fail("table missing");
  }
  auto operator()(const AlterTable& x) -> bool {
    auto* t = NeedTable(x.schema, x.to.name);
    if (!t) return false;
    t->options = x.to.options;
    t->kind = x.to.kind;
    t->cluster_by = x.to.cluster_by;
    t->watermark = x.to.watermark;
    return true;
  }
  /// The table is replaced by a new one of the desired shape: nothing may
  /// read it or reference it while that happens.
  auto operator()(const RebuildTable& x) -> bool {
    auto* t = NeedTable(x.schema, x.from.name);
    if (!t) return false;
    if (auto v = ReadByView({x.schema, x.from.name}); !v.empty()) return Fail("table " + x.from.name + " is read by " + v);
    for (const auto& sc : c.schemas)
      for (const auto& o : sc.tables)
        for (const auto& k : o.constraints)
          if (k.kind == catalog::Constraint::Kind::ForeignKey && k.ref_table == catalog::ObjectName{x.schema, x.from.name} &&
              !(sc.name == x.schema && o.name == x.from.name))
            return Fail("table " + x.from.name + " is referenced by " + k.name);
    *t = x.to;
    t->renamed_from.reset();
    for (auto& col : t->columns) col.renamed_from.reset();
    for (const auto& k : x.to.constraints)
      if (!CheckForeignKey(k)) return false;
    return true;
  }
  auto operator()(const RenameTable& x) -> bool {
    auto* t = NeedTable(x.schema, x.from);
    if (!t) return false;
    t->name = x.to;
    for (auto& s : c.schemas)
      for (auto& q : s.sequences)
        if (q.owned_table == catalog::ObjectName{x.schema, x.from}) q.owned_table->name = x.to;
    for (auto& s : c.schemas)
      for (auto& tt : s.tables)
        for (auto& k : tt.constraints)
          if (k.ref_table == catalog::ObjectName{x.schema, x.from}) k.ref_table.name = x.to;
    for (auto& s : c.schemas)
      for (auto& v : s.views)
        for (auto& d : v.depends_on)
          if (d == catalog::ObjectName{x.schema, x.from}) d.name = x.to;
    for (auto& s : c.schemas)
      for (auto& p : s.pipes)
        if (p.table == catalog::ObjectName{x.schema, x.from}) p.table.name = x.to;
    return true;
  }
  auto operator()(const AddColumn& x) -> bool {
    auto* t = NeedTable(x.schema, x.table);
    if (!t) return false;
    if (t->FindColumn(x.column.name)) return Fail("column " + x.column.name + " exists");
    catalog::Column col = x.column;
    col.renamed_from.reset();
    t->columns.push_back(col);
    return true;
  }
  auto operator()(const DropColumn& x) -> bool {
    auto* t = NeedTable(x.schema, x.table);
    if (!t) return false;
    if (auto v = ReadsColumn({x.schema, x.table}, x.column.name); !v.empty())
      return Fail("column " + x.column.name + " is read by " + v);
    DropOwned(x.schema, x.table, x.column.name);
    // The constraints and indexes that use the column go with it.
    std::erase_if(t->constraints, [&](auto& k) {
      const auto& keys = k.exclusion.keys;
      return std::find(k.columns.begin(), k.columns.end(), x.column.name) != k.columns.end() ||
             std::any_of(keys.begin(), keys.end(), [&](auto& key) { return key.column == x.column.name; });
    });
    std::erase_if(t->indexes, [&](auto& ix) {
      return std::any_of(ix.keys.begin(), ix.keys.end(), [&](auto& k) { return k.column == x.column.name; });
    });
    return Erase(t->columns, [&](auto& col) { return col.name == x.column.name; }) || Fail("column missing");
  }
  auto operator()(const RenameColumn& x) -> bool {
    auto* t = NeedTable(x.schema, x.table);
    if (!t) return false;
    for (auto& s : c.schemas)
      for (auto& q : s.sequences)
        if (q.owned_table == catalog::ObjectName{x.schema, x.table} && q.owned_column == x.from) q.owned_column = x.to;
    for (auto& col : t->columns)
      if (col.name == x.from) {
        col.name = x.to;
        // The database rewrites the table's own expressions with the new name.
        auto rename = [&](std::string& e) {
          e = backend.RenameInExpression(e, x.from, x.to);
        };
        for (auto& other : t->columns) {
          if (other.default_expr) rename(*other.default_expr);
          if (other.generated) rename(*other.generated);
        }
        for (auto& k : t->constraints) {
          std::replace(k.columns.begin(), k.columns.end(), x.from, x.to);
          if (k.kind == catalog::Constraint::Kind::Check) rename(k.check);
          std::replace(k.exclusion.include.begin(), k.exclusion.include.end(), x.from, x.to);
          for (auto& key : k.exclusion.keys) {
            if (key.column == x.from) key.column = x.to;
            if (key.column.empty()) rename(key.expression);
          }
          if (k.exclusion.where) rename(*k.exclusion.where);
        }
        for (auto& ix : t->indexes) {
          for (auto& k : ix.keys) {
            if (k.column == x.from) k.column = x.to;
            if (k.column.empty()) rename(k.expression);
          }
          if (ix.where) rename(*ix.where);
        }
        for (auto& s : c.schemas)
          for (auto& tt : s.tables)
            for (auto& k : tt.constraints)
              if (k.ref_table == catalog::ObjectName{x.schema, x.table})
                std::replace(k.ref_columns.begin(), k.ref_columns.end(), x.from, x.to);
        return true;
      }
    return Fail("column " + x.from + " missing");
  }
  auto operator()(const AlterColumn& x) -> bool {
    auto* t = NeedTable(x.schema, x.table);
    if (!t) return false;
    if (Is(x.kind, ChangeKind::Type) && !ReadsColumn({x.schema, x.table}, x.from.name).empty())
      return Fail("type of " + x.table + "." + x.to.name + " changes while a view reads it");
    for (auto& col : t->columns)
      if (col.name == x.to.name) {
        if (!(col == x.from)) return Fail("column " + x.to.name + " is not in the state the change expects");
        col = x.to;
        col.renamed_from.reset();
        return true;
      }
    return Fail("column " + x.to.name + " missing");
  }
  auto operator()(const AddConstraint& x) -> bool {
    auto* t = NeedTable(x.schema, x.table);
    if (!t) return false;
    if (std::any_of(t->constraints.begin(), t->constraints.end(), [&](auto& k) { return k.name == x.constraint.name; }))
      return Fail("constraint " + x.constraint.name + " exists");
    t->constraints.push_back(x.constraint);
    return CheckForeignKey(x.constraint);
  }
  auto operator()(const DropConstraint& x) -> bool {
    auto* t = NeedTable(x.schema, x.table);
    if (!t) return false;
    return Erase(t->constraints, [&](auto& k) { return k.name == x.constraint.name; }) ||
           Fail("constraint " + x.constraint.name + " missing");
  }
  auto operator()(const RenameConstraint& x) -> bool {
    auto* t = NeedTable(x.schema, x.table);
    if (!t) return false;
    for (auto& k : t->constraints)
      if (k.name == x.from) {
        k.name = x.to;
        return true;
      }
    return Fail("constraint " + x.from + " missing");
  }
  auto operator()(const AlterConstraint& x) -> bool {
    auto* t = NeedTable(x.schema, x.table);
    if (!t) return false;
    for (auto& k : t->constraints)
      if (k.name == x.from.name) {
        if (k.kind != catalog::Constraint::Kind::ForeignKey) return Fail("constraint " + k.name + " is not a foreign key");
        k.deferrable = x.to.deferrable;
        k.initially_deferred = x.to.initially_deferred;
        return true;
      }
    return Fail("constraint " + x.from.name + " missing");
  }
  auto operator()(const CreateIndex& x) -> bool {
    // A materialized view is indexed like a table.
    if (auto* s = Schema(x.schema))
      for (auto& v : s->views)
        if (v.name == x.table) {
          if (!v.materialized) return Fail("index " + x.index.name + " on view " + x.table + ", which is not materialized");
          v.indexes.push_back(x.index);
          return true;
        }
    auto* t = NeedTable(x.schema, x.table);
    if (!t) return false;
    t->indexes.push_back(x.index);
    return true;
  }
  /// The indexes of the table or materialized view that has index `name`.
  auto FindIndex(const std::string& schema, const std::string& name) -> std::pair<std::vector<catalog::Index>*, size_t> {
    auto* s = Schema(schema);
    if (!s) return {nullptr, 0};
    for (auto& t : s->tables)
      for (size_t i = 0; i < t.indexes.size(); ++i)
        if (t.indexes[i].name == name) return {&t.indexes, i};
    for (auto& v : s->views)
      for (size_t i = 0; i < v.indexes.size(); ++i)
        if (v.indexes[i].name == name) return {&v.indexes, i};
    return {nullptr, 0};
  }
  auto operator()(const DropIndex& x) -> bool {
    auto [ixs, i] = FindIndex(x.schema, x.index.name);
    if (!ixs) return Fail("index " + x.index.name + " missing");
    ixs->erase(ixs->begin() + static_cast<long>(i));
    return true;
  }
  auto operator()(const RenameIndex& x) -> bool {
    auto [ixs, i] = FindIndex(x.schema, x.from);
    if (!ixs) return Fail("index " + x.from + " missing");
    (*ixs)[i].name = x.to;
    return true;
  }
  auto operator()(const CreateView& x) -> bool {
    auto* s = SchemaOrBuiltin(x.schema);
    if (!s) return false;
    for (const auto& d : x.view.depends_on)
      if (!RelationExists(d)) return Fail("view " + x.view.name + " reads missing " + d.name);
    if (std::any_of(s->views.begin(), s->views.end(), [&](auto& v) { return v.name == x.view.name; }))
      return Fail("view " + x.view.name + " exists");
    s->views.push_back(x.view);
    return true;
  }
  auto operator()(const DropView& x) -> bool {
    auto* s = Schema(x.schema);
    if (!s) return Fail("schema missing");
    if (auto v = ReadByView({x.schema, x.view.name}); !v.empty()) return Fail("view " + x.view.name + " is read by " + v);
    return Erase(s->views, [&](auto& v) { return v.name == x.view.name; }) || Fail("view " + x.view.name + " missing");
  }
  // ---- pipes ----

  auto FindPipe(const std::string& schema, const std::string& name) -> catalog::Pipe* {
    auto* s = Schema(schema);
    if (!s) return nullptr;
    for (auto& p : s->pipes)
      if (p.name == name) return &p;
    return nullptr;
  }
  /// A pipe loading into `table` that is still running ("" when none): the
  /// table may change only while its pipes are paused and drained.
  auto RunningPipe(const catalog::ObjectName& table) -> std::string {
    for (const auto& s : c.schemas)
      for (const auto& p : s.pipes)
        if (p.table == table && !paused.count({s.name, p.name})) return s.name + "." + p.name;
    return "";
  }
  auto operator()(const CreatePipe& x) -> bool {
    auto* s = SchemaOrBuiltin(x.schema);
    if (!s) return false;
    if (!NeedTable(x.pipe.table.schema, x.pipe.table.name)) return false;
    if (FindPipe(x.schema, x.pipe.name)) return Fail("pipe " + x.pipe.name + " exists");
    s = Schema(x.schema);
    s->pipes.push_back(x.pipe);
    return true;
  }
  auto operator()(const DropPipe& x) -> bool {
    auto* s = Schema(x.schema);
    if (!s) return Fail("schema missing");
    paused.erase({x.schema, x.pipe.name});
    return Erase(s->pipes, [&](auto& p) { return p.name == x.pipe.name; }) || Fail("pipe " + x.pipe.name + " missing");
  }
  auto operator()(const PausePipe& x) -> bool {
    if (!FindPipe(x.schema, x.pipe.name)) return Fail("pipe " + x.pipe.name + " missing");
    paused.insert({x.schema, x.pipe.name});
    return true;
  }
  auto operator()(const ReplacePipe& x) -> bool {
    auto* p = FindPipe(x.schema, x.from.name);
    if (!p) return Fail("pipe " + x.from.name + " missing");
    if (!paused.count({x.schema, x.from.name})) return Fail("pipe " + x.from.name + " is made again without being paused");
    if (!NeedTable(x.to.table.schema, x.to.table.name)) return false;
    *p = x.to;
    paused.erase({x.schema, x.from.name});
    return true;
  }

  auto operator()(const SetComment& x) -> bool {
    auto* s = Schema(x.schema);
    if (!s) return Fail("schema missing");
    switch (x.on) {
      case SetComment::On::Table:
        if (auto* t = Table(x.schema, x.name)) return (t->comment = x.to, true);
        break;
      case SetComment::On::View:
      case SetComment::On::MaterializedView:
        for (auto& v : s->views)
          if (v.name == x.name) return (v.comment = x.to, true);
        break;
      case SetComment::On::Enum:
        for (auto& e : s->enums)
          if (e.name == x.name) return (e.comment = x.to, true);
        break;
      case SetComment::On::Collation:
        for (auto& k : s->collations)
          if (k.name == x.name) return (k.comment = x.to, true);
        break;
    }
    return Fail("object of comment " + x.name + " missing");
  }
};

}  // namespace

auto Simulate(const catalog::Catalog& from, const Plan& plan, std::string& error) -> std::optional<catalog::Catalog> {
  auto backend = target::FindBackend(plan.target);
  if (!backend) {
    error = "there is no backend for target " + plan.target;
    return std::nullopt;
  }
  return Simulate(from, plan, *backend, error);
}

auto Simulate(const catalog::Catalog& from, const Plan& plan, const target::Backend& backend, std::string& error)
    -> std::optional<catalog::Catalog> {
  Applier a{from, {}, backend};
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const diff::Op& op = plan.changes[i].op;
    // A table loaded by a running pipe must not change under it.
    std::optional<catalog::ObjectName> table = diff::DisturbedTable(op);
    if (const auto* r = std::get_if<diff::RenameTable>(&op)) table = catalog::ObjectName{r->schema, r->from};
    if (const auto* b = std::get_if<diff::RebuildTable>(&op)) table = catalog::ObjectName{b->schema, b->from.name};
    if (const auto* d = std::get_if<diff::DropTable>(&op)) table = catalog::ObjectName{d->schema, d->table.name};
    if (table)
      if (std::string pipe = a.RunningPipe(*table); !pipe.empty()) a.Fail("table " + table->name + " changes while pipe " + pipe + " loads it");
    if (!a.error.empty() || !std::visit(a, op)) {
      error = "change " + std::to_string(i + 1) + " (" + diff::KindName(plan.changes[i].op) + " " +
              diff::ObjectName(plan.changes[i].op) + "): " + a.error;
      return std::nullopt;
    }
  }
  catalog::Canonicalize(a.c);
  return std::move(a.c);
}

}  // namespace schemac::plan
