// Fuzz target (c): the planner on pairs of valid catalogs derived from the
// input bytes. The bytes drive the convergence test's generator
// (tests/unit/catalog_gen.h) or pick a catalog compiled from one of a few
// .schema files of the repository, then a list of mutations (add, drop,
// rename and retype columns; keys, checks, indexes and foreign keys; views,
// tables, enums and schemas) turns it into A, and more mutations turn A into
// B, with `renamed from` on some renames. Then the planner runs as `schemac
// plan` does: diff, order, emit, render. When it raised no diagnostic, the
// convergence property must hold: plan(A→B) simulated on A gives B, and
// plan(B→B) is then empty. Expressions are compared as the backend compares
// them (SameExpression), not by spelling.
#include <random>
#include <set>

#include "compiler/check/check.h"
#include "compiler/diff/diff.h"
#include "compiler/expand/expand.h"
#include "compiler/plan/simulate.h"
#include "fuzz/fuzz.h"
#include "tests/unit/catalog_gen.h"

using namespace schemac;
using catalog::Constraint;

namespace {

/// The input as a uniform random bit generator: one byte per call, zeros
/// once the input is used up (so every draw still terminates).
struct Bytes {
  using result_type = uint8_t;
  const uint8_t* data;
  size_t size;
  static constexpr auto min() -> result_type { return 0; }
  static constexpr auto max() -> result_type { return 255; }
  auto operator()() -> result_type {
    if (size == 0) return 0;
    --size;
    return *data++;
  }
};

using Gen = testing::Gen<Bytes>;

/// Current states compiled from .schema files of the repository (relative
/// to SCHEMAC_SOURCE_DIR); files that no longer compile are left out.
auto Bases() -> const std::vector<catalog::Catalog>& {
  static const std::vector<catalog::Catalog> bases = [] {
    std::vector<catalog::Catalog> out;
    for (const char* path : {"examples/tutor-app/v1/tutor.schema", "examples/tutor-app/v2/tutor.schema",
                             "tests/lit/plan/misc_changes.schema", "tests/lit/plan/hostile_quoted_names.schema",
                             "tests/lit/plan/column_generated_rebuild_index.schema",
                             "tests/lit/plan/enum_schema_add_value.schema",
                             "tests/lit/plan/rename_table_with_changes.schema"}) {
      source::SourceManager sm;
      diag::Engine diags(sm);
      auto disk = source::MakeDiskProvider();
      ast::Unit unit = expand::Load({std::string(SCHEMAC_SOURCE_DIR) + "/" + path}, *disk, sm, diags);
      if (diags.has_errors()) continue;
      expand::Expand(unit, sm, diags);
      if (diags.has_errors()) continue;
      auto realm = check::Check(unit, diags);
      if (!realm) continue;
      auto c = target::FindBackend("postgres")->Lower(*realm, diags);
      if (c && !diags.has_errors()) out.push_back(std::move(*c));
    }
    return out;
  }();
  return bases;
}

template <typename T>
auto Has(const std::vector<T>& v, const std::string& name) -> bool {
  return std::any_of(v.begin(), v.end(), [&](const T& x) { return x.name == name; });
}

/// Byte-driven edits of a catalog. Each keeps names unique; Repair() then
/// removes what an edit left dangling, as a person editing the desired state
/// would have to.
struct Mutator {
  Gen& g;
  const target::Backend& backend;
  bool desired;  // may declare `renamed from`

  template <typename T>
  auto Any(std::vector<T>& v) -> T* {
    return v.empty() ? nullptr : &v[static_cast<size_t>(g.Pick(static_cast<int>(v.size())))];
  }
  auto OneOf(std::initializer_list<const char*> names) -> std::string {
    return *(names.begin() + g.Pick(static_cast<int>(names.size())));
  }
  /// A relation name free in the schema (tables, views and indexes share one namespace).
  auto RelationFree(const catalog::Schema& s, const std::string& n) -> bool {
    if (Has(s.tables, n) || Has(s.views, n)) return false;
    for (const auto& t : s.tables)
      if (Has(t.indexes, n)) return false;
    return true;
  }
  auto ConstraintFree(const catalog::Schema& s, const catalog::Table& t, const std::string& n) -> bool {
    return !Has(t.constraints, n) && RelationFree(s, n);  // keys are backed by indexes of that name
  }
  auto Enums(const catalog::Schema& s) -> std::vector<catalog::ObjectName> {
    std::vector<catalog::ObjectName> out;
    for (const auto& e : s.enums) out.push_back({s.name, e.name});
    return out;
  }
  void Retype(catalog::Column& c, const catalog::Schema& s) {
    auto enums = Enums(s);
    int k = g.Pick(enums.empty() ? 10 : 11);
    static const char* const kTypes[] = {"integer", "bigint", "text", "character varying(20)",
                                         "character varying(40)", "boolean", "numeric(10,2)", "numeric",
                                         "timestamp with time zone", "timestamp(3) without time zone"};
    c.type_ref.reset();
    if (k < 10) {
      c.type = kTypes[k];
    } else {
      c.type_ref = enums[static_cast<size_t>(g.Pick(static_cast<int>(enums.size())))];
      c.type = backend.UserTypeName(*c.type_ref);
    }
    if (g.Chance(50)) c.default_expr.reset();
    else c.default_expr = DefaultFor(c.type);
    if (c.type != "integer" && c.type != "bigint") c.identity.clear();
  }
  static auto DefaultFor(const std::string& type) -> std::optional<std::string> {
    if (type == "integer" || type == "bigint" || type.rfind("numeric", 0) == 0) return "0";
    if (type == "text" || type.rfind("character varying", 0) == 0) return "'x'::text";
    if (type == "boolean") return "false";
    if (type.rfind("timestamp", 0) == 0) return "now()";
    return std::nullopt;
  }
  /// Renames column `from` of `t` in everything of the catalog that names it.
  void RenameColumnRefs(catalog::Catalog& c, const std::string& schema, catalog::Table& t, const std::string& from,
                        const std::string& to) {
    auto rename = [&](std::string& e) { e = backend.RenameInExpression(e, from, to); };
    for (auto& col : t.columns) {
      if (col.default_expr) rename(*col.default_expr);
      if (col.generated) rename(*col.generated);
    }
    for (auto& k : t.constraints) {
      std::replace(k.columns.begin(), k.columns.end(), from, to);
      if (k.kind == Constraint::Kind::Check) rename(k.check);
    }
    for (auto& ix : t.indexes) {
      for (auto& key : ix.keys) {
        if (key.column == from) key.column = to;
        if (key.column.empty()) rename(key.expression);
      }
      if (ix.where) rename(*ix.where);
    }
    for (auto& s : c.schemas)
      for (auto& other : s.tables)
        for (auto& k : other.constraints)
          if (k.kind == Constraint::Kind::ForeignKey && k.ref_table == catalog::ObjectName{schema, t.name})
            std::replace(k.ref_columns.begin(), k.ref_columns.end(), from, to);
  }
  /// Drops what mentions column `col` of `t` in an expression.
  void DropMentions(catalog::Table& t, const std::string& col) {
    auto mentions = [&](const std::string& e) {
      auto names = backend.ExpressionNames(e);
      return std::find(names.begin(), names.end(), col) != names.end();
    };
    std::erase_if(t.constraints, [&](const Constraint& k) { return k.kind == Constraint::Kind::Check && mentions(k.check); });
    std::erase_if(t.indexes, [&](const catalog::Index& ix) {
      for (const auto& key : ix.keys)
        if (key.column.empty() && mentions(key.expression)) return true;
      return ix.where && mentions(*ix.where);
    });
    std::erase_if(t.columns, [&](const catalog::Column& c) { return c.generated && mentions(*c.generated); });
    for (auto& c : t.columns)
      if (c.default_expr && mentions(*c.default_expr)) c.default_expr.reset();
  }
  static auto ViewDefinition(const catalog::View& v) -> std::string {
    std::string def = "select * from ";
    for (size_t i = 0; i < v.depends_on.size(); ++i)
      def += (i ? " cross join " : "") + v.depends_on[i].schema + "." + v.depends_on[i].name;
    return def;
  }

  void Mutate(catalog::Catalog& c) {
    if (c.schemas.empty() || g.Chance(5)) {
      const char* name = c.schemas.empty() ? "public" : g.Chance(50) ? "s1" : "s2";
      if (!c.FindSchema(name)) c.schemas.push_back(catalog::Schema{name, {}, {}, {}, {}});
      return;
    }
    catalog::Schema& s = *Any(c.schemas);
    catalog::Table* t = Any(s.tables);
    switch (g.Pick(24)) {
      case 0: {  // add a table
        std::string name = OneOf({"t0", "t1", "t2", "n0", "n1"});
        if (!RelationFree(s, name)) return;
        catalog::Table nt;
        nt.name = name;
        catalog::Column id;
        id.name = "id";
        id.type = "bigint";
        id.not_null = true;
        if (g.Chance(40)) id.identity = g.Chance(50) ? "always" : "by default";
        nt.columns.push_back(id);
        auto enums = Enums(s);
        for (int i = 0; i < 3; ++i)
          if (g.Chance(50)) nt.columns.push_back(g.Column("c" + std::to_string(i), enums));
        if (g.Chance(80)) {
          Constraint pk;
          pk.kind = Constraint::Kind::PrimaryKey;
          pk.name = name + "_pkey";
          pk.columns = {"id"};
          nt.constraints.push_back(pk);
        }
        s.tables.push_back(std::move(nt));
        return;
      }
      case 1: {  // drop a table
        if (!t) return;
        std::string name = t->name;
        std::erase_if(s.tables, [&](const catalog::Table& x) { return x.name == name; });
        return;
      }
      case 2: {  // rename a table
        if (!t) return;
        std::string to = OneOf({"t0", "t1", "t2", "r0", "r1"});
        if (!RelationFree(s, to)) return;
        std::string from = t->name;
        if (desired && g.Chance(70)) t->renamed_from = t->renamed_from.value_or(from);
        t->name = to;
        for (auto& sc : c.schemas) {
          for (auto& other : sc.tables)
            for (auto& k : other.constraints)
              if (k.kind == Constraint::Kind::ForeignKey && k.ref_table == catalog::ObjectName{s.name, from})
                k.ref_table.name = to;
          for (auto& v : sc.views) {
            bool reads = false;
            for (auto& d : v.depends_on)
              if (d == catalog::ObjectName{s.name, from}) {
                d.name = to;
                reads = true;
              }
            if (reads) v.definition = ViewDefinition(v);
          }
        }
        return;
      }
      case 3:
      case 4: {  // add a column
        if (!t) return;
        std::string name = OneOf({"c0", "c1", "c2", "c3", "c4", "m0", "m1"});
        if (t->FindColumn(name)) return;
        t->columns.push_back(g.Column(name, Enums(s)));
        return;
      }
      case 5: {  // drop a column
        if (!t || t->columns.empty()) return;
        std::string name = Any(t->columns)->name;
        std::erase_if(t->columns, [&](const catalog::Column& col) { return col.name == name; });
        DropMentions(*t, name);
        return;
      }
      case 6: {  // rename a column
        if (!t || t->columns.empty()) return;
        catalog::Column& col = *Any(t->columns);
        std::string to = OneOf({"c0", "c1", "c2", "m0", "m1", "renamed"});
        if (t->FindColumn(to)) return;
        std::string from = col.name;
        if (desired && g.Chance(70)) col.renamed_from = col.renamed_from.value_or(from);
        col.name = to;
        RenameColumnRefs(c, s.name, *t, from, to);
        return;
      }
      case 7:
      case 8: {  // retype a column
        if (!t || t->columns.empty()) return;
        catalog::Column& col = *Any(t->columns);
        if (col.generated) return;
        Retype(col, s);
        return;
      }
      case 9: {  // nullability, default, identity, collation, comment of a column
        if (!t || t->columns.empty()) return;
        catalog::Column& col = *Any(t->columns);
        switch (g.Pick(5)) {
          case 0: col.not_null = !col.not_null; break;
          case 1:
            if (col.default_expr || col.generated || !col.identity.empty()) col.default_expr.reset();
            else col.default_expr = DefaultFor(col.type);
            break;
          case 2:
            if ((col.type == "integer" || col.type == "bigint") && !col.generated) {
              col.identity = OneOf({"", "always", "by default"});
              if (!col.identity.empty()) {
                col.default_expr.reset();
                col.not_null = true;
              }
            }
            break;
          case 3:
            if (col.type == "text" || col.type.rfind("character varying", 0) == 0) {
              std::string coll = OneOf({"", "C", "POSIX"});
              if (coll.empty()) col.collation.reset();
              else col.collation = coll;
            }
            break;
          default:
            if (col.comment) col.comment.reset();
            else col.comment = "comment on " + col.name;
        }
        return;
      }
      case 10: {  // add a generated column computed from id
        if (!t || !t->FindColumn("id") || t->FindColumn("g0")) return;
        catalog::Column gc;
        gc.name = "g0";
        gc.type = "bigint";
        gc.generated = g.Chance(50) ? "(id * 2)" : "(id + 1)";
        t->columns.push_back(gc);
        return;
      }
      case 11:
      case 12: {  // add an index
        if (!t || t->columns.empty()) return;
        catalog::Index ix;
        const catalog::Column& col = *Any(t->columns);
        ix.name = g.Chance(60) ? t->name + "_" + col.name + "_idx" : OneOf({"ix0", "ix1"});
        if (!RelationFree(s, ix.name)) return;
        if (g.Chance(70)) {
          ix.keys.push_back({col.name, "", g.Chance(30), std::nullopt, std::nullopt, std::nullopt});
          if (g.Chance(30) && t->columns.size() > 1) {
            const catalog::Column& second = *Any(t->columns);
            if (second.name != col.name) ix.keys.push_back({second.name, "", false, std::nullopt, std::nullopt, std::nullopt});
          }
        } else {
          ix.keys.push_back({"", "(" + col.name + " IS NULL)", false, std::nullopt, std::nullopt, std::nullopt});
        }
        ix.unique = g.Chance(30);
        if (g.Chance(20) && t->FindColumn("id")) ix.where = "(id > 10)";
        if (g.Chance(10)) {
          ix.method = "hash";
          ix.unique = false;
          ix.keys.resize(1);
        }
        t->indexes.push_back(std::move(ix));
        return;
      }
      case 13: {  // drop or rename an index
        if (!t || t->indexes.empty()) return;
        catalog::Index& ix = *Any(t->indexes);
        if (g.Chance(50)) {
          std::string name = ix.name;
          std::erase_if(t->indexes, [&](const catalog::Index& x) { return x.name == name; });
        } else {
          std::string to = OneOf({"ix0", "ix1", "ix2"});
          if (RelationFree(s, to)) ix.name = to;
        }
        return;
      }
      case 14:
      case 15: {  // add a foreign key to a table with a primary key
        if (!t) return;
        catalog::Schema& rs = g.Chance(80) ? s : *Any(c.schemas);
        catalog::Table* ref = Any(rs.tables);
        if (!ref) return;
        const Constraint* key = nullptr;
        for (const auto& k : ref->constraints)
          if (k.kind == Constraint::Kind::PrimaryKey || k.kind == Constraint::Kind::Unique) key = &k;
        if (!key) return;
        Constraint fk;
        fk.kind = Constraint::Kind::ForeignKey;
        fk.ref_table = {rs.name, ref->name};
        fk.ref_columns = key->columns;
        for (const auto& rc : key->columns) {
          const catalog::Column* refcol = ref->FindColumn(rc);
          if (!refcol) return;
          std::string name = "ref_" + ref->name + "_" + rc;
          if (!t->FindColumn(name)) {
            catalog::Column col = *refcol;
            col.name = name;
            col.identity.clear();
            col.default_expr.reset();
            col.generated.reset();
            col.comment.reset();
            col.renamed_from.reset();
            col.not_null = g.Chance(30);
            t->columns.push_back(col);
          }
          fk.columns.push_back(name);
        }
        fk.name = t->name + "_" + fk.columns[0] + "_fkey";
        if (!ConstraintFree(s, *t, fk.name)) return;
        fk.on_delete = OneOf({"no action", "cascade", "set null", "restrict"});
        if (g.Chance(20)) fk.on_update = "cascade";
        if (g.Chance(10)) fk.not_valid = true;
        t->constraints.push_back(std::move(fk));
        return;
      }
      case 16: {  // add a unique key, a primary key or a check
        if (!t || t->columns.empty()) return;
        const catalog::Column& col = *Any(t->columns);
        Constraint k;
        switch (g.Pick(3)) {
          case 0:
            k.kind = Constraint::Kind::Unique;
            k.columns = {col.name};
            k.name = t->name + "_" + col.name + "_key";
            break;
          case 1:
            for (const auto& x : t->constraints)
              if (x.kind == Constraint::Kind::PrimaryKey) return;
            k.kind = Constraint::Kind::PrimaryKey;
            k.columns = {col.name};
            k.name = t->name + "_pkey";
            break;
          default:
            k.kind = Constraint::Kind::Check;
            k.check = g.Chance(50) ? "(" + col.name + " IS NOT NULL)" : "(" + col.name + " IS DISTINCT FROM NULL)";
            k.name = t->name + "_" + col.name + "_check";
        }
        if (!ConstraintFree(s, *t, k.name)) return;
        t->constraints.push_back(std::move(k));
        return;
      }
      case 17: {  // drop or rename a constraint
        if (!t || t->constraints.empty()) return;
        Constraint& k = *Any(t->constraints);
        if (g.Chance(60)) {
          std::string name = k.name;
          std::erase_if(t->constraints, [&](const Constraint& x) { return x.name == name; });
        } else {
          std::string to = OneOf({"k0", "k1", "k2"});
          if (ConstraintFree(s, *t, to)) k.name = to;
        }
        return;
      }
      case 18: {  // add a view over one or two relations
        std::string name = OneOf({"v0", "v1", "v2", "v3"});
        if (!RelationFree(s, name) || (s.tables.empty() && s.views.empty())) return;
        catalog::View v;
        v.name = name;
        for (int i = 0; i < 1 + g.Pick(2); ++i) {
          catalog::Schema& rs = g.Chance(80) ? s : *Any(c.schemas);
          bool view = !rs.views.empty() && g.Chance(30);
          if (!view && rs.tables.empty()) continue;
          std::string rel = view ? Any(rs.views)->name : Any(rs.tables)->name;
          if (rs.name == s.name && rel == name) continue;
          v.depends_on.push_back({rs.name, rel});
        }
        if (v.depends_on.empty()) return;
        v.definition = ViewDefinition(v);
        v.materialized = g.Chance(25);
        s.views.push_back(std::move(v));
        return;
      }
      case 19: {  // drop a view, change its body or kind, or its comment
        catalog::View* v = Any(s.views);
        if (!v) return;
        switch (g.Pick(4)) {
          case 0: {
            std::string name = v->name;
            std::erase_if(s.views, [&](const catalog::View& x) { return x.name == name; });
            break;
          }
          case 1: v->definition += " where true"; break;
          case 2: v->materialized = !v->materialized; break;
          default:
            if (v->comment) v->comment.reset();
            else v->comment = "view " + v->name;
        }
        return;
      }
      case 20: {  // add an enum, or a value to one
        catalog::Enum* e = Any(s.enums);
        if (!e || g.Chance(30)) {
          std::string name = OneOf({"e0", "e1", "e2", "mood"});
          if (Has(s.enums, name)) return;
          s.enums.push_back(g.Enum(name));
          return;
        }
        std::string value = OneOf({"a", "b", "c", "d", "e", "f", "new"});
        if (std::find(e->values.begin(), e->values.end(), value) != e->values.end()) return;
        e->values.insert(e->values.begin() + g.Pick(static_cast<int>(e->values.size()) + 1), value);
        return;
      }
      case 21: {  // rename, drop or comment an enum; remove one of its values
        catalog::Enum* e = Any(s.enums);
        if (!e) return;
        switch (g.Pick(4)) {
          case 0: {
            std::string to = OneOf({"e0", "e1", "e2", "renamed_enum"});
            if (Has(s.enums, to)) return;
            std::string from = e->name;
            if (desired && g.Chance(70)) e->renamed_from = e->renamed_from.value_or(from);
            e->name = to;
            for (auto& sc : c.schemas)
              for (auto& tt : sc.tables)
                for (auto& col : tt.columns)
                  if (col.type_ref == catalog::ObjectName{s.name, from}) {
                    col.type_ref->name = to;
                    col.type = backend.UserTypeName(*col.type_ref);
                  }
            return;
          }
          case 1: {
            std::string name = e->name;
            std::erase_if(s.enums, [&](const catalog::Enum& x) { return x.name == name; });
            return;
          }
          case 2:
            if (e->comment) e->comment.reset();
            else e->comment = "enum " + e->name;
            return;
          default:
            if (e->values.size() > 1) e->values.erase(e->values.begin() + g.Pick(static_cast<int>(e->values.size())));
            return;
        }
      }
      case 22: {  // a table's comment
        if (!t) return;
        if (t->comment) t->comment.reset();
        else t->comment = "table " + t->name;
        return;
      }
      default: {  // drop a schema other than public
        if (s.name == "public") return;
        std::string name = s.name;
        std::erase_if(c.schemas, [&](const catalog::Schema& x) { return x.name == name; });
        return;
      }
    }
  }
};

/// Removes what refers to something that no longer exists: keys and indexes
/// over dropped columns, foreign keys to dropped tables or columns, views
/// over dropped relations (transitively), columns of a dropped enum type.
void Repair(catalog::Catalog& c) {
  catalog::Canonicalize(c);  // lookups need a canonical catalog
  // Partitions of a parent that is gone or no longer partitioned (in turn).
  for (bool changed = true; changed;) {
    changed = false;
    for (auto& s : c.schemas)
      changed |= std::erase_if(s.tables, [&](const catalog::Table& t) {
                   if (!t.partition_of) return false;
                   const catalog::Table* parent = c.FindTable(*t.partition_of);
                   return !parent || !parent->options.count("partition_by");
                 }) > 0;
  }
  // Sequences owned by a column that is gone.
  for (auto& s : c.schemas)
    for (auto& q : s.sequences)
      if (q.owned_table) {
        const catalog::Table* owner = c.FindTable(*q.owned_table);
        if (!owner || !owner->FindColumn(q.owned_column)) {
          q.owned_table.reset();
          q.owned_column.clear();
        }
      }
  for (auto& s : c.schemas)
    for (auto& t : s.tables) {
      for (auto& col : t.columns)
        if (col.type_ref) {
          const catalog::Schema* es = c.FindSchema(col.type_ref->schema);
          if (!es || !es->FindEnum(col.type_ref->name)) {
            col.type_ref.reset();
            col.type = "text";
            col.default_expr.reset();
          }
        }
      std::erase_if(t.constraints, [&](const Constraint& k) {
        for (const auto& col : k.columns)
          if (!t.FindColumn(col)) return true;
        // An exclusion constraint names its columns in its keys.
        for (const auto& key : k.exclusion.keys)
          if (!key.column.empty() && !t.FindColumn(key.column)) return true;
        if (k.kind != Constraint::Kind::ForeignKey) return false;
        const catalog::Table* ref = c.FindTable(k.ref_table);
        if (!ref) return true;
        for (const auto& col : k.ref_columns)
          if (!ref->FindColumn(col)) return true;
        return false;
      });
      std::erase_if(t.indexes, [&](const catalog::Index& ix) {
        for (const auto& key : ix.keys)
          if (!key.column.empty() && !t.FindColumn(key.column)) return true;
        return ix.keys.empty();
      });
    }
  for (bool changed = true; changed;) {
    changed = false;
    for (auto& s : c.schemas)
      changed |= std::erase_if(s.views, [&](const catalog::View& v) {
                   for (const auto& d : v.depends_on)
                     if (!c.FindTable(d) && !c.FindView(d)) return true;
                   return false;
                 }) > 0;
  }
  catalog::Canonicalize(c);
}

/// Whether two tables, enums or columns are renamed from one old name,
/// which the check phase rejects (`rename-twice`).
auto RenamedTwice(const catalog::Catalog& c) -> bool {
  auto twice = [](const auto& objects) {
    std::set<std::string> seen;
    for (const auto& o : objects)
      if (o.renamed_from && !seen.insert(*o.renamed_from).second) return true;
    return false;
  };
  for (const auto& s : c.schemas) {
    if (twice(s.tables) || twice(s.enums)) return true;
    for (const auto& t : s.tables)
      if (twice(t.columns)) return true;
  }
  return false;
}

/// `result` with each expression that means the same as its counterpart in
/// `want` (SameExpression: `now()` and `CURRENT_TIMESTAMP`) spelled as there:
/// the differ rightly plans no change for those, so they are not compared.
void AlignExpressions(catalog::Catalog& result, const catalog::Catalog& want, const target::Backend& backend) {
  auto align = [&](std::optional<std::string>& have, const std::optional<std::string>& wanted) {
    if (have && wanted && backend.SameExpression(*have, *wanted)) have = wanted;
  };
  for (auto& s : result.schemas) {
    const catalog::Schema* ws = want.FindSchema(s.name);
    if (!ws) continue;
    for (auto& t : s.tables) {
      const catalog::Table* wt = ws->FindTable(t.name);
      if (!wt) continue;
      for (auto& col : t.columns)
        if (const catalog::Column* wc = wt->FindColumn(col.name)) {
          align(col.default_expr, wc->default_expr);
          align(col.generated, wc->generated);
        }
      for (auto& k : t.constraints)
        for (const auto& wk : wt->constraints)
          if (wk.name == k.name && backend.SameExpression(k.check, wk.check)) k.check = wk.check;
      for (auto& ix : t.indexes)
        for (const auto& wi : wt->indexes)
          if (wi.name == ix.name && wi.keys.size() == ix.keys.size()) {
            align(ix.where, wi.where);
            for (size_t i = 0; i < ix.keys.size(); ++i)
              if (backend.SameExpression(ix.keys[i].expression, wi.keys[i].expression))
                ix.keys[i].expression = wi.keys[i].expression;
          }
    }
    for (auto& v : s.views)
      if (const catalog::View* wv = ws->FindView(v.name); wv && backend.SameExpression(v.definition, wv->definition))
        v.definition = wv->definition;
  }
}

auto PlanBetween(const catalog::Catalog& a, const catalog::Catalog& b, const target::Backend& backend,
                 diag::Engine& diags) -> plan::Plan {
  return plan::Order(backend, diff::Diff(a, b, backend, diags), diags);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  static const auto backend = target::FindBackend("postgres");
  Gen g{Bytes{data, size}};
  catalog::Catalog a;
  const auto& bases = Bases();
  if (int pick = g.Pick(static_cast<int>(bases.size()) + 2); pick < static_cast<int>(bases.size())) {
    a = bases[static_cast<size_t>(pick)];
  } else {
    a = g.Catalog();
  }
  catalog::ForgetSource(a);
  Mutator current{g, *backend, false};
  for (int i = 0, n = g.Pick(6); i < n; ++i) current.Mutate(a);
  Repair(a);
  catalog::Catalog b = a;
  Mutator desired{g, *backend, true};
  for (int i = 0, n = 1 + g.Pick(12); i < n; ++i) desired.Mutate(b);
  Repair(b);
  std::string error;
  if (!catalog::Validate(a, error) || !catalog::Validate(b, error) || RenamedTwice(b)) return 0;

  source::SourceManager sm;
  diag::Engine diags(sm);
  plan::Plan p = PlanBetween(a, b, *backend, diags);
  bool clean = diags.all().empty();
  if (auto script = backend->Emit(p, diags)) (void)backend->Render(p, *script);
  (void)diag::RenderText(diags, false);
  if (!clean) return 0;

  std::string pair = "A = " + catalog::ToJson(a) + "\nB = " + catalog::ToJson(b) + "\nrenames in B:";
  for (const auto& s : b.schemas) {
    for (const auto& t : s.tables) {
      if (t.renamed_from) pair += " table " + t.name + " from " + *t.renamed_from + ";";
      for (const auto& col : t.columns)
        if (col.renamed_from) pair += " column " + t.name + "." + col.name + " from " + *col.renamed_from + ";";
    }
    for (const auto& e : s.enums)
      if (e.renamed_from) pair += " enum " + e.name + " from " + *e.renamed_from + ";";
  }
  pair += "\nplan:";
  for (const auto& change : p.changes) pair += "\n  " + diff::KindName(change.op) + " " + diff::ObjectName(change.op);
  auto result = plan::Simulate(a, p, error);
  fuzz::Require(result.has_value(), "plan(A->B) applies to A", error + "\n" + pair);
  AlignExpressions(*result, b, *backend);
  fuzz::Require(testing::Comparable(*result) == testing::Comparable(b), "plan(A->B) applied to A gives B",
                pair + "\nresult = " + catalog::ToJson(*result));
  diag::Engine again(sm);
  catalog::Catalog b_state = *result;
  fuzz::Require(PlanBetween(b_state, b, *backend, again).empty() && again.all().empty(),
                "plan(B->B) is empty", pair);
  return 0;
}
