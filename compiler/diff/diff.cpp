// The differ. It first applies the renames the desired state declares
// (`renamed from`) to a copy of the current catalog, so that everything after
// compares like with like; then it matches objects by name, pairs unmatched
// constraints and indexes with identical definitions as renames, and finally
// drops and recreates the views that read anything that changed shape.
// Dependency edges are added by AddEdges() once every change is known.
#include "compiler/diff/diff.h"

#include <algorithm>
#include <map>
#include <set>

#include <llvm/ADT/StringRef.h>

#include "compiler/target/sql_scan.h"

namespace schemac::diff {
namespace {

using catalog::ObjectName;

class Differ {
 public:
  Differ(const catalog::Catalog& from, const catalog::Catalog& to, const target::Backend& b, diag::Engine& d)
      : from_(from), to_(to), backend_(b), diags_(d) {}

  auto Run() -> std::vector<Change> {
    ApplyRenames();
    catalog::Canonicalize(from_);  // renamed objects take their place in name order, so lookups stay fast
    DiffSchemas();
    for (const auto& s : to_.schemas) DiffEnums(s, from_.FindSchema(s.name));
    for (const auto& s : from_.schemas)
      if (!to_.FindSchema(s.name))
        for (const auto& e : s.enums) Add(DropEnum{s.name, e}, {});
    for (const auto& s : to_.schemas) DiffTables(s, from_.FindSchema(s.name));
    for (const auto& s : from_.schemas)
      if (!to_.FindSchema(s.name))
        for (const auto& t : s.tables) Add(DropTable{s.name, t}, s.src);
    for (const auto& s : to_.schemas) DiffSequences(s, from_.FindSchema(s.name));
    for (const auto& s : to_.schemas) DiffCollations(s, from_.FindSchema(s.name));
    for (const auto& s : from_.schemas)
      if (!to_.FindSchema(s.name))
        for (const auto& k : s.collations) DropCollationChecked(s.name, k, s.src);
    for (const auto& s : from_.schemas)
      if (!to_.FindSchema(s.name))
        for (const auto& q : s.sequences) Add(DropSequence{s.name, q}, s.src);
    RebuildDependentForeignKeys();
    DiffViews();
    CheckViewsOfDroppedRelations();
    DiffPipes();
    AddEdges();
    return std::move(changes_);
  }

 private:
  /// Column renames a table's rebuild makes (Backend::DecideRename).
  struct RebuildRenames {
    std::string why;
    std::map<std::string, std::string> old_names;  // new name -> old name
  };
  std::map<ObjectName, RebuildRenames> rebuild_renames_;  // by the table's new name

  auto Add(Op op, source::SourceRange src, std::string reason = {}) -> size_t {
    changes_.push_back(Change{std::move(op), src, {}, std::move(reason)});
    return changes_.size() - 1;
  }

  // ---- renames ----

  /// Applies declared table and column renames to from_ (a copy), emitting the
  /// rename changes, and rewrites every reference to the renamed objects.
  void ApplyRenames() {
    ApplyEnumRenames();
    std::map<ObjectName, std::string> table_renames;  // old -> new
    std::map<ObjectName, std::string> renamed_tables;  // new -> old
    for (const auto& s : to_.schemas) {
      const catalog::Schema* cur = from_.FindSchema(s.name);
      for (const auto& t : s.tables) {
        if (!t.renamed_from || !cur) continue;
        if (cur->FindTable(t.name)) continue;  // already renamed
        if (!cur->FindTable(*t.renamed_from)) {
          WarnRenameMissing(!from_.schemas.empty(), "table", s.name + "." + t.name, *t.renamed_from, t.src, false);
          continue;
        }
        table_renames[{s.name, *t.renamed_from}] = t.name;
        renamed_tables[{s.name, t.name}] = *t.renamed_from;
        Add(RenameTable{s.name, *t.renamed_from, t.name}, t.src);
      }
    }
    // Column renames, keyed by the table's (new) name.
    std::map<ObjectName, std::map<std::string, std::string>> column_renames;
    for (const auto& s : to_.schemas) {
      for (const auto& t : s.tables) {
        auto renamed = renamed_tables.find({s.name, t.name});
        std::string old_table = renamed != renamed_tables.end() ? renamed->second : t.name;
        const catalog::Table* cur = from_.FindTable({s.name, old_table});
        if (!cur) continue;
        for (const auto& c : t.columns) {
          if (!c.renamed_from || cur->FindColumn(c.name)) continue;
          if (!cur->FindColumn(*c.renamed_from)) {
            WarnRenameMissing(true, "column", s.name + "." + t.name + "." + c.name, *c.renamed_from, c.src, false);
            continue;
          }
          target::Decision how = backend_.DecideRename(*cur, t, *c.renamed_from, c.name);
          if (how.strategy == target::Strategy::Unsupported) {
            diags_.Emit(diag::Kind::UnsupportedChange, c.src, how.message).hint = how.hint;
            continue;
          }
          column_renames[{s.name, t.name}][*c.renamed_from] = c.name;
          if (how.strategy == target::Strategy::InPlace) {
            Add(RenameColumn{s.name, t.name, *c.renamed_from, c.name}, c.src);
          } else {  // made by the table's rebuild (DiffTable)
            RebuildRenames& r = rebuild_renames_[{s.name, t.name}];
            if (r.why.empty()) r.why = how.message;
            r.old_names[c.name] = *c.renamed_from;
          }
        }
      }
    }
    if (table_renames.empty() && column_renames.empty()) return;
    auto rename_table = [&](ObjectName& n) {
      auto it = table_renames.find(n);
      if (it != table_renames.end()) n.name = it->second;
    };
    auto rename_cols = [&](const ObjectName& table, std::vector<std::string>& cols) {
      auto it = column_renames.find(table);
      if (it == column_renames.end()) return;
      for (auto& c : cols)
        if (auto r = it->second.find(c); r != it->second.end()) c = r->second;
    };
    for (auto& s : from_.schemas) {
      for (auto& t : s.tables) {
        ObjectName self{s.name, t.name};
        rename_table(self);
        t.name = self.name;
        if (auto it = column_renames.find(self); it != column_renames.end()) {
          for (auto& c : t.columns)
            if (auto r = it->second.find(c.name); r != it->second.end()) c.name = r->second;
          // The database rewrites the table's own expressions with the new names.
          for (const auto& [old_name, new_name] : it->second) {
            auto rename = [&, &from = old_name, &to = new_name](std::string& e) {  // clang 14 cannot capture bindings
              e = backend_.RenameInExpression(e, from, to);
            };
            for (auto& c : t.columns) {
              if (c.default_expr) rename(*c.default_expr);
              if (c.generated) rename(*c.generated);
            }
            for (auto& k : t.constraints) {
              if (k.kind == catalog::Constraint::Kind::Check) rename(k.check);
              for (auto& key : k.exclusion.keys)
                if (key.column.empty()) rename(key.expression);
              if (k.exclusion.where) rename(*k.exclusion.where);
            }
            for (auto& ix : t.indexes) {
              for (auto& key : ix.keys)
                if (key.column.empty()) rename(key.expression);
              if (ix.where) rename(*ix.where);
            }
          }
        }
        for (auto& k : t.constraints) {
          rename_cols(self, k.columns);
          rename_cols(self, k.exclusion.include);
          for (auto& key : k.exclusion.keys) {
            std::vector<std::string> one{key.column};
            rename_cols(self, one);
            key.column = one[0];
          }
          if (k.kind == catalog::Constraint::Kind::ForeignKey) {
            rename_table(k.ref_table);
            rename_cols(k.ref_table, k.ref_columns);
          }
        }
        for (auto& ix : t.indexes)
          for (auto& key : ix.keys) {
            std::vector<std::string> one{key.column};
            rename_cols(self, one);
            key.column = one[0];
          }
      }
      for (auto& v : s.views)
        for (auto& d : v.depends_on) rename_table(d);
    }
    catalog::Canonicalize(from_);
  }

  /// `enum new (...) renamed from old`: ALTER TYPE ... RENAME, and the
  /// columns of the current state now use the new name.
  void ApplyEnumRenames() {
    std::map<ObjectName, std::string> renames;
    for (const auto& s : to_.schemas) {
      const catalog::Schema* cur = from_.FindSchema(s.name);
      for (const auto& e : s.enums) {
        if (!e.renamed_from) continue;
        if (!cur || cur->FindEnum(e.name) || !cur->FindEnum(*e.renamed_from)) {
          WarnRenameMissing(cur != nullptr, "enum", s.name + "." + e.name, *e.renamed_from, e.src, cur && cur->FindEnum(e.name));
          continue;
        }
        renames[{s.name, *e.renamed_from}] = e.name;
        enum_old_names_[{s.name, e.name}] = *e.renamed_from;
        Add(RenameEnum{s.name, *e.renamed_from, e.name}, e.src);
      }
    }
    if (renames.empty()) return;
    // Expressions of the current state name the type (in casts: 'y'::old_kind).
    auto recast = [&](std::string& e) {
      for (const auto& [old, now] : renames) e = backend_.RenameTypeInExpression(e, old, {old.schema, now});
    };
    for (auto& s : from_.schemas)
      for (auto& t : s.tables) {
        for (auto& c : t.columns) {
          if (c.default_expr) recast(*c.default_expr);
          if (c.generated) recast(*c.generated);
        }
        for (auto& k : t.constraints) recast(k.check);
        for (auto& ix : t.indexes) {
          for (auto& key : ix.keys) recast(key.expression);
          if (ix.where) recast(*ix.where);
        }
      }
    for (auto& s : from_.schemas) {
      for (auto& e : s.enums)
        if (auto it = renames.find({s.name, e.name}); it != renames.end()) e.name = it->second;
      for (auto& t : s.tables)
        for (auto& c : t.columns)
          if (c.type_ref)
            if (auto it = renames.find(*c.type_ref); it != renames.end()) {
              c.type_ref->name = it->second;
              c.type = backend_.SpellRenamedType(c.type, *c.type_ref);
            }
    }
    catalog::Canonicalize(from_);
  }

  /// A `renamed from` whose old name is not in the current state: the object
  /// is created (or is there already under its new name, which is fine).
  void WarnRenameMissing(bool state_known, const std::string& what, const std::string& name, const std::string& old,
                         source::SourceRange at, bool already_renamed) {
    if (!state_known || already_renamed) return;
    diags_.Emit(diag::Kind::RenameSourceMissing, at, what, name, old).hint =
        "check the old name; once every database is migrated, the 'renamed from' can go";
  }

  // ---- schemas ----

  void DiffSchemas() {
    for (const auto& s : to_.schemas)
      if (!from_.FindSchema(s.name) && !backend_.IsBuiltinSchema(s.name)) Add(CreateSchema{s.name}, s.src);
    for (const auto& s : from_.schemas)
      if (!to_.FindSchema(s.name) && !backend_.IsBuiltinSchema(s.name)) Add(DropSchema{s.name}, {});
  }

  // ---- enums ----

  void DiffEnums(const catalog::Schema& to, const catalog::Schema* from) {
    for (const auto& e : to.enums) {
      const catalog::Enum* cur = from ? from->FindEnum(e.name) : nullptr;
      if (!cur) {
        Add(CreateEnum{to.name, e}, e.src);
        continue;
      }
      auto has = [](const std::vector<std::string>& values, const std::string& v) {
        return std::find(values.begin(), values.end(), v) != values.end();
      };
      auto old_enum = enum_old_names_.find({to.name, e.name});
      const std::string& enum_now = old_enum == enum_old_names_.end() ? e.name : old_enum->second;
      // Values renamed in place (`'new' renamed from 'old'`); `current` is
      // the list as it is after the renames, `old_value` undoes one.
      std::vector<std::string> current = cur->values;
      std::map<std::string, std::string> old_value;
      for (const auto& [now, old] : e.value_renamed_from) {
        if (has(current, now)) continue;  // already renamed
        auto it = std::find(current.begin(), current.end(), old);
        if (it == current.end()) {
          WarnRenameMissing(true, "enum value", to.name + "." + e.name + " '" + now + "'", "'" + old + "'", e.src, false);
          continue;
        }
        *it = now;
        old_value[now] = old;
        Add(RenameEnumValue{to.name, enum_now, old, now}, e.src);
      }
      // What the target refuses of the rest is its decision; the differ
      // makes additions only.
      if (current != e.values) {
        std::vector<target::Decision> refused = backend_.DecideEnum({{to.name, e.name}, current, e.values});
        for (const auto& d : refused)
          diags_.Add(d.report.value_or(diag::Kind::UnsupportedChange), e.src, d.message).hint = d.hint;
        if (!refused.empty()) continue;
      }
      // New values, each placed before the next existing value after it.
      for (size_t i = 0; i < e.values.size(); ++i) {
        const auto& v = e.values[i];
        if (has(current, v)) continue;
        std::string before;
        for (size_t j = i + 1; j < e.values.size() && before.empty(); ++j)
          if (has(current, e.values[j])) before = e.values[j];
        // New values are added before the transaction, so before any rename
        // in it: of the enum, and of the value they are placed before.
        if (auto it = old_value.find(before); it != old_value.end()) before = it->second;
        Add(AddEnumValue{to.name, enum_now, v, before}, e.src);
      }
      if (cur->comment != e.comment) Add(SetComment{SetComment::On::Enum, to.name, e.name, cur->comment, e.comment}, e.src);
    }
    if (from)
      for (const auto& e : from->enums)
        if (!to.FindEnum(e.name)) Add(DropEnum{from->name, e}, to.src);
  }

  // ---- collations ----

  /// Does a column or index key of `c` name collation `name`? Columns name a
  /// collation without its schema (Postgres finds it on the search path).
  static auto CatalogUses(const catalog::Catalog& c, const std::string& name) -> std::string {
    for (const auto& s : c.schemas)
      for (const auto& t : s.tables) {
        for (const auto& col : t.columns)
          if (col.collation == name) return "column " + s.name + "." + t.name + "." + col.name;
        for (const auto& ix : t.indexes)
          for (const auto& k : ix.keys)
            if (k.collation == name) return "index " + s.name + "." + ix.name;
      }
    return "";
  }

  /// A collation no longer declared is dropped, after its users changed;
  /// one still named by a desired column cannot be.
  void DropCollationChecked(const std::string& schema, const catalog::Collation& k, source::SourceRange src) {
    if (std::string user = CatalogUses(to_, k.name); !user.empty()) {
      diags_.Emit(diag::Kind::UnsupportedChange, src,
                  "collation '" + schema + "." + k.name + "' is no longer declared, but " + user + " still uses it")
          .hint = "declare the collation, or give the column another collation";
      return;
    }
    Add(DropCollation{schema, k}, src);
  }

  /// Options never change in place: a collation nothing uses is dropped and
  /// created again; one in use is refused (Postgres cannot drop it).
  void DiffCollations(const catalog::Schema& to, const catalog::Schema* from) {
    for (const auto& k : to.collations) {
      const catalog::Collation* cur = from ? from->FindCollation(k.name) : nullptr;
      if (!cur) {
        Add(CreateCollation{to.name, k}, k.src);
      } else if (!cur->SameOptions(k)) {
        if (std::string user = CatalogUses(from_, k.name); !user.empty()) {
          diags_.Emit(diag::Kind::UnsupportedChange, k.src,
                      "the options of collation '" + to.name + "." + k.name + "' change, but " + user +
                          " uses it: a collation in use can neither be dropped nor have its options altered")
              .hint = "declare a collation of another name with the new options and switch the columns to it; drop the old one after";
          continue;
        }
        Add(DropCollation{to.name, *cur}, k.src);
        Add(CreateCollation{to.name, k}, k.src);
      } else if (cur->comment != k.comment) {
        Add(SetComment{SetComment::On::Collation, to.name, k.name, cur->comment, k.comment}, k.src);
      }
    }
    if (from)
      for (const auto& k : from->collations)
        if (!to.FindCollation(k.name)) DropCollationChecked(from->name, k, to.src);
  }

  /// Whether op `o` puts (`created`) or had (`!created`) collation `name` on
  /// a column or index key.
  static auto OpUsesCollation(const Op& o, const std::string& name, bool created) -> bool {
    auto table_uses = [&](const catalog::Table& t) {
      for (const auto& col : t.columns)
        if (col.collation == name) return true;
      for (const auto& ix : t.indexes)
        for (const auto& k : ix.keys)
          if (k.collation == name) return true;
      return false;
    };
    auto index_uses = [&](const catalog::Index& ix) {
      return std::any_of(ix.keys.begin(), ix.keys.end(), [&](const catalog::IndexKey& k) { return k.collation == name; });
    };
    if (created) {
      if (auto* x = std::get_if<CreateTable>(&o)) return table_uses(x->table);
      if (auto* x = std::get_if<AddColumn>(&o)) return x->column.collation == name;
      if (auto* x = std::get_if<AlterColumn>(&o)) return x->to.collation == name;
      if (auto* x = std::get_if<CreateIndex>(&o)) return index_uses(x->index);
    } else {
      if (auto* x = std::get_if<DropTable>(&o)) return table_uses(x->table);
      if (auto* x = std::get_if<DropColumn>(&o)) return x->column.collation == name;
      if (auto* x = std::get_if<AlterColumn>(&o)) return x->from.collation == name;
      if (auto* x = std::get_if<DropIndex>(&o)) return index_uses(x->index);
    }
    return false;
  }

  /// A collation is created before the columns and keys that use it and
  /// dropped after the ones that used it; dropped before it is created again.
  template <typename Edge>
  void CollationEdges(Edge&& edge) {
    for (size_t i = 0; i < changes_.size(); ++i) {
      if (auto* cc = std::get_if<CreateCollation>(&changes_[i].op)) {
        for (size_t j = 0; j < changes_.size(); ++j) {
          if (OpUsesCollation(changes_[j].op, cc->collation.name, true)) edge(i, j);
          if (auto* dc = std::get_if<DropCollation>(&changes_[j].op);
              dc && dc->schema == cc->schema && dc->collation.name == cc->collation.name)
            edge(j, i);
        }
      } else if (auto* dc = std::get_if<DropCollation>(&changes_[i].op)) {
        for (size_t j = 0; j < changes_.size(); ++j)
          if (OpUsesCollation(changes_[j].op, dc->collation.name, false)) edge(j, i);
      }
    }
  }

  // ---- sequences ----

  /// A new sequence is created without its owner, which is set once the
  /// owning column exists: a table's default may need the sequence first.
  void DiffSequences(const catalog::Schema& to, const catalog::Schema* from) {
    for (const auto& q : to.sequences) {
      const catalog::Sequence* cur = from ? from->FindSequence(q.name) : nullptr;
      if (!cur) {
        catalog::Sequence bare = q;
        bare.owned_table.reset();
        bare.owned_column.clear();
        Add(CreateSequence{to.name, bare}, q.src);
        if (q.owned_table) Add(AlterSequence{to.name, bare, q}, q.src);
      } else if (!cur->SameDefinition(q)) {
        Add(AlterSequence{to.name, *cur, q}, q.src);
      }
    }
    if (from)
      for (const auto& q : from->sequences)
        if (!to.FindSequence(q.name)) Add(DropSequence{from->name, q}, to.src);
  }

  /// Does a default use sequence `schema.name`?
  auto UsesSequence(const std::optional<std::string>& expr, const std::string& schema, const std::string& name) const
      -> bool {
    return expr && backend_.UsesSequence(*expr, {schema, name});
  }

  // ---- tables ----

  void DiffTables(const catalog::Schema& to, const catalog::Schema* from) {
    for (const auto& t : to.tables) {
      const catalog::Table* cur = from ? from->FindTable(t.name) : nullptr;
      if (!cur) {
        Add(CreateTable{to.name, t}, t.src);
        continue;
      }
      DiffTable(to.name, *cur, t);
    }
    if (from)
      for (const auto& t : from->tables)
        if (!to.FindTable(t.name)) Add(DropTable{from->name, t}, to.src);
  }

  auto SameExpr(const std::optional<std::string>& a, const std::optional<std::string>& b) const -> bool {
    if (a.has_value() != b.has_value()) return false;
    return !a || backend_.SameExpression(*a, *b);
  }

  /// Does `expr` mention column `col`?
  auto Mentions(const std::string& expr, const std::string& col) const -> bool {
    auto names = backend_.ExpressionNames(expr);
    return std::find(names.begin(), names.end(), col) != names.end();
  }

  void DiffTable(const std::string& schema, const catalog::Table& cur, const catalog::Table& want) {
    target::Decision table = backend_.DecideTable({schema, want.name}, cur, want);
    if (cur.partition_of.has_value() != want.partition_of.has_value()) {
      // A partition has no columns of its own in the catalog: diffing them
      // against a plain table's would drop every column. The way out is
      // the backend's.
      if (table.strategy != target::Strategy::Unsupported)
        table = {target::Strategy::Unsupported,
                 "table '" + schema + "." + want.name + "' " + (want.partition_of ? "becomes" : "stops being") +
                     " a partition; this is not done in place",
                 "", std::nullopt};
      diags_.Emit(diag::Kind::UnsupportedChange, want.src, table.message).hint = table.hint;
      return;
    }
    if (want.partition_of && (*cur.partition_of != *want.partition_of || cur.partition_bound != want.partition_bound))
      Add(AttachPartition{schema, want.name, *cur.partition_of, cur.partition_bound, *want.partition_of, want.partition_bound},
          want.src);
    // What each changed column is, on this target: the backend decides.
    struct Decided {
      const catalog::Column *old, *now;
      ChangeKind kind;
      target::Decision decision;
    };
    std::vector<Decided> decided;
    bool any_retyped = false;
    for (const auto& c : want.columns)
      if (const auto* old = cur.FindColumn(c.name); old && (old->type != c.type || old->collation != c.collation))
        any_retyped = true;
    // Why the table is rebuilt, when it is: the first decision that says so.
    std::optional<std::string> rebuild_why;
    if (table.strategy == target::Strategy::RebuildTable) rebuild_why = table.message;
    auto renames = rebuild_renames_.find({schema, want.name});
    if (renames != rebuild_renames_.end() && !rebuild_why) rebuild_why = renames->second.why;
    for (const auto& c : want.columns) {
      const catalog::Column* old = cur.FindColumn(c.name);
      if (!old) continue;
      ChangeKind k = ColumnDifference(*old, c);
      // A column that does not differ may still be rebuilt for one that does
      // (a computed column over a column that changes type).
      if (k == ChangeKind::None && !any_retyped) continue;
      target::Decision d = backend_.DecideColumn({cur, want, *old, c, k});
      if (k == ChangeKind::None && d.strategy == target::Strategy::InPlace) continue;
      if (d.strategy == target::Strategy::RebuildTable && !rebuild_why) rebuild_why = d.message;
      decided.push_back({old, &c, k, std::move(d)});
    }
    if (table.strategy == target::Strategy::Unsupported)
      diags_.Emit(diag::Kind::UnsupportedChange, want.src, table.message).hint = table.hint;
    if (rebuild_why) {
      // One change in place of the table's column, key and index changes;
      // the columns it renames keep their old names on its `from` side.
      catalog::Table as_is = cur;
      if (renames != rebuild_renames_.end())
        for (auto& col : as_is.columns)
          if (auto it = renames->second.old_names.find(col.name); it != renames->second.old_names.end())
            col.name = it->second;
      Add(RebuildTable{schema, std::move(as_is), want}, want.src, *rebuild_why);
      return;
    }
    std::set<std::string> rebuilt;
    auto next = decided.begin();  // in column order, like want.columns
    std::string previous;  // the column before this one in the desired table
    for (const auto& c : want.columns) {
      std::string after = previous;
      previous = c.name;
      if (!cur.FindColumn(c.name)) {
        Add(AddColumn{schema, want.name, c, after}, c.src);
        continue;
      }
      if (next == decided.end() || next->now != &c) continue;
      const Decided& d = *next++;
      const catalog::Column& old = *d.old;
      if (d.decision.report)
        diags_.Emit(*d.decision.report, c.src, schema + "." + want.name + "." + c.name).hint = d.decision.hint;
      switch (d.decision.strategy) {
        case target::Strategy::InPlace:
          Add(AlterColumn{schema, want.name, old, c, d.kind}, c.src);
          break;
        case target::Strategy::RebuildColumn:
          Add(DropColumn{schema, want.name, old}, c.src, d.decision.message);
          Add(AddColumn{schema, want.name, c, after}, c.src, d.decision.message);
          rebuilt.insert(c.name);
          break;
        case target::Strategy::Unsupported:
          diags_.Emit(diag::Kind::UnsupportedChange, c.src, d.decision.message).hint = d.decision.hint;
          break;
        case target::Strategy::RebuildTable:  // handled above
          break;
      }
    }
    for (const auto& c : cur.columns)
      if (!want.FindColumn(c.name)) Add(DropColumn{schema, want.name, c}, want.src);

    // Objects over a column the change invalidates (the backend says which),
    // and everything over a rebuilt column, are dropped first and created
    // again from the desired state.
    catalog::Table base = cur;
    std::set<std::string> retyped, retyped_keys;
    for (const auto& d : decided) {
      if (rebuilt.count(d.now->name) || !Is(d.kind, ChangeKind::Type | ChangeKind::Collation)) continue;
      target::Invalidates inv = backend_.Invalidated(*d.old, *d.now);
      if (inv.expressions) retyped.insert(d.now->name);
      if (inv.keys) retyped_keys.insert(d.now->name);
    }
    rebuilt.insert(retyped_keys.begin(), retyped_keys.end());
    if (!rebuilt.empty() || !retyped.empty()) {
      auto any_of = [&](const std::set<std::string>& set, const std::vector<std::string>& cols,
                        const std::vector<std::string>& exprs) {
        for (const auto& r : set) {
          if (std::find(cols.begin(), cols.end(), r) != cols.end()) return true;
          for (const auto& e : exprs)
            if (Mentions(e, r)) return true;
        }
        return false;
      };
      std::string why_rebuilt = "a column it uses is dropped and added again";
      std::string why_retyped = "a column it uses changes type";
      std::erase_if(base.constraints, [&](const catalog::Constraint& k) {
        bool check = k.kind == catalog::Constraint::Kind::Check;
        std::vector<std::string> exprs = check ? std::vector<std::string>{k.check} : std::vector<std::string>{};
        std::vector<std::string> cols = k.columns;
        if (k.kind == catalog::Constraint::Kind::Exclusion) {  // like an index
          for (const auto& key : k.exclusion.keys) (key.column.empty() ? exprs : cols).push_back(key.column.empty() ? key.expression : key.column);
          cols.insert(cols.end(), k.exclusion.include.begin(), k.exclusion.include.end());
          if (k.exclusion.where) exprs.push_back(*k.exclusion.where);
        }
        bool gone = any_of(rebuilt, cols, exprs);
        bool stale = (check || k.kind == catalog::Constraint::Kind::Exclusion) && any_of(retyped, {}, exprs);
        if (gone || stale) Add(DropConstraint{schema, want.name, k}, want.src, gone ? why_rebuilt : why_retyped);
        return gone || stale;
      });
      std::erase_if(base.indexes, [&](const catalog::Index& ix) {
        std::vector<std::string> cols, exprs;
        for (const auto& key : ix.keys) (key.column.empty() ? exprs : cols).push_back(key.column.empty() ? key.expression : key.column);
        if (ix.where) exprs.push_back(*ix.where);
        bool gone = any_of(rebuilt, cols, exprs);
        bool stale = any_of(retyped, {}, exprs);
        if (gone || stale) Add(DropIndex{schema, want.name, ix}, want.src, gone ? why_rebuilt : why_retyped);
        return gone || stale;
      });
    }
    // A foreign key that changes only in when it is checked is altered in
    // place; every other change of a constraint drops and adds it again.
    for (auto& k : base.constraints) {
      if (k.kind != catalog::Constraint::Kind::ForeignKey) continue;
      for (const auto& w : want.constraints) {
        if (w.name != k.name || (k.deferrable == w.deferrable && k.initially_deferred == w.initially_deferred)) continue;
        catalog::Constraint retimed = k;
        retimed.deferrable = w.deferrable;
        retimed.initially_deferred = w.initially_deferred;
        if (!SameConstraint(retimed, w)) continue;
        Add(AlterConstraint{schema, want.name, k, w}, w.src);
        k = retimed;
      }
    }
    // Constraints: by name, then unmatched pairs with the same definition are renames.
    DiffNamed(base.constraints, want.constraints,
              [&](const catalog::Constraint& a, const catalog::Constraint& b) { return SameConstraint(a, b); },
              [&](const catalog::Constraint& k) { Add(AddConstraint{schema, want.name, k}, k.src); },
              [&](const catalog::Constraint& k) { Add(DropConstraint{schema, want.name, k}, want.src); },
              [&](const catalog::Constraint& a, const catalog::Constraint& b) {
                Add(RenameConstraint{schema, want.name, a.name, b.name}, b.src);
              });
    DiffNamed(base.indexes, want.indexes, [&](const catalog::Index& a, const catalog::Index& b) { return SameIndex(a, b); },
              [&](const catalog::Index& ix) { Add(CreateIndex{schema, want.name, ix}, ix.src); },
              [&](const catalog::Index& ix) { Add(DropIndex{schema, want.name, ix}, want.src); },
              [&](const catalog::Index& a, const catalog::Index& b) { Add(RenameIndex{schema, a.name, b.name}, b.src); });
    if (cur.comment != want.comment)
      Add(SetComment{SetComment::On::Table, schema, want.name, cur.comment, want.comment}, want.src);
    if (!SameTableProperties(cur, want) && table.strategy == target::Strategy::InPlace)
      Add(AlterTable{schema, cur, want}, want.src);
  }

  /// Target options, kind, clustering and watermark: the table's own
  /// properties. Options are compared by the backend (an expression's
  /// spelling may be the catalog's own).
  auto SameTableProperties(const catalog::Table& a, const catalog::Table& b) const -> bool {
    if (a.kind != b.kind || a.cluster_by != b.cluster_by || a.watermark != b.watermark) return false;
    if (a.options.size() != b.options.size()) return false;
    for (auto x = a.options.begin(), y = b.options.begin(); x != a.options.end(); ++x, ++y)
      if (x->first != y->first || !backend_.SameTableOption(x->first, x->second, y->second)) return false;
    return true;
  }

  /// Every column that differs: what differs.
  auto ColumnDifference(const catalog::Column& old, const catalog::Column& c) const -> ChangeKind {
    ChangeKind k = ChangeKind::None;
    if (old.type != c.type) k = k | ChangeKind::Type;
    if (old.not_null != c.not_null) k = k | ChangeKind::Null;
    if (!SameExpr(old.default_expr, c.default_expr)) k = k | ChangeKind::Default;
    if (old.identity != c.identity) k = k | ChangeKind::Identity;
    if (old.identity_options != c.identity_options) k = k | ChangeKind::IdentityOptions;
    if (!SameExpr(old.generated, c.generated) || old.generated_virtual != c.generated_virtual)
      k = k | ChangeKind::Generated;
    if (old.comment != c.comment) k = k | ChangeKind::Comment;
    if (old.collation != c.collation) k = k | ChangeKind::Collation;
    if (old.metadata != c.metadata) k = k | ChangeKind::Metadata;
    return k;
  }

  auto SameConstraint(const catalog::Constraint& a, const catalog::Constraint& b) const -> bool {
    if (a.kind != b.kind || a.columns != b.columns || a.ref_table != b.ref_table || a.ref_columns != b.ref_columns ||
        a.on_delete != b.on_delete || a.on_update != b.on_update || a.match_full != b.match_full ||
        a.deferrable != b.deferrable || a.initially_deferred != b.initially_deferred ||
        a.nulls_not_distinct != b.nulls_not_distinct || a.no_inherit != b.no_inherit)
      return false;
    if (a.kind == catalog::Constraint::Kind::Exclusion)
      return a.operators == b.operators && SameIndex(a.exclusion, b.exclusion);
    return a.kind != catalog::Constraint::Kind::Check || backend_.SameExpression(a.check, b.check);
  }

  auto SameIndex(const catalog::Index& a, const catalog::Index& b) const -> bool {
    if (a.unique != b.unique || a.method != b.method || a.keys.size() != b.keys.size() || a.invalid != b.invalid ||
        a.nulls_not_distinct != b.nulls_not_distinct || a.include != b.include || a.storage != b.storage)
      return false;
    for (size_t i = 0; i < a.keys.size(); ++i) {
      const auto &x = a.keys[i], &y = b.keys[i];
      if (x.column != y.column || x.desc != y.desc || x.nulls_first != y.nulls_first || x.collation != y.collation ||
          x.opclass != y.opclass)
        return false;
      if (x.column.empty() && !backend_.SameExpression(x.expression, y.expression)) return false;
    }
    return SameExpr(a.where, b.where);
  }

  template <typename T, typename Same, typename OnAdd, typename OnDrop, typename OnRename>
  void DiffNamed(const std::vector<T>& cur, const std::vector<T>& want, Same same, OnAdd add, OnDrop drop,
                 OnRename rename) {
    std::vector<const T*> added, dropped;
    for (const auto& w : want) {
      auto it = std::find_if(cur.begin(), cur.end(), [&](const T& c) { return c.name == w.name; });
      if (it == cur.end()) {
        added.push_back(&w);
      } else if (!same(*it, w)) {
        dropped.push_back(&*it);
        added.push_back(&w);
      }
    }
    for (const auto& c : cur)
      if (std::none_of(want.begin(), want.end(), [&](const T& w) { return w.name == c.name; })) dropped.push_back(&c);
    // A dropped and an added object with one definition (and distinct names) are a rename.
    std::vector<bool> used(dropped.size(), false);
    for (const T* a : added) {
      bool renamed = false;
      for (size_t i = 0; i < dropped.size() && !renamed; ++i) {
        if (used[i] || dropped[i]->name == a->name || !same(*dropped[i], *a)) continue;
        bool name_taken = std::any_of(cur.begin(), cur.end(), [&](const T& c) { return c.name == a->name; });
        if (name_taken) continue;
        used[i] = true;
        renamed = true;
        rename(*dropped[i], *a);
      }
      if (!renamed) add(*a);
    }
    for (size_t i = 0; i < dropped.size(); ++i)
      if (!used[i]) drop(*dropped[i]);
  }

  /// A foreign key that stays the same must still be dropped and added again
  /// when the key it references is dropped (Postgres refuses to drop a key a
  /// foreign key depends on), when a column on either side changes type, or
  /// when the table it references is rebuilt (the key would point at the
  /// old table, which the rebuild drops).
  void RebuildDependentForeignKeys() {
    using Key = std::pair<ObjectName, std::vector<std::string>>;
    std::set<Key> dropped_keys;
    std::set<std::pair<ObjectName, std::string>> retyped;
    std::set<std::pair<ObjectName, std::string>> fk_dropped, fk_added;  // (table, constraint)
    std::set<ObjectName> dropped_tables, rebuilt;
    auto sorted = [](std::vector<std::string> v) {
      std::sort(v.begin(), v.end());
      return v;
    };
    for (const auto& c : changes_) {
      if (auto* dk = std::get_if<DropConstraint>(&c.op)) {
        ObjectName t{dk->schema, dk->table};
        if (dk->constraint.kind == catalog::Constraint::Kind::ForeignKey) fk_dropped.insert({t, dk->constraint.name});
        else if (dk->constraint.kind == catalog::Constraint::Kind::PrimaryKey ||
                 dk->constraint.kind == catalog::Constraint::Kind::Unique)
          dropped_keys.insert({t, sorted(dk->constraint.columns)});
      } else if (auto* ak = std::get_if<AddConstraint>(&c.op)) {
        if (ak->constraint.kind == catalog::Constraint::Kind::ForeignKey)
          fk_added.insert({{ak->schema, ak->table}, ak->constraint.name});
      } else if (auto* di = std::get_if<DropIndex>(&c.op)) {
        if (!di->index.unique || di->index.where) continue;
        std::vector<std::string> cols;
        for (const auto& k : di->index.keys)
          if (!k.column.empty()) cols.push_back(k.column);
        if (cols.size() == di->index.keys.size()) dropped_keys.insert({{di->schema, di->table}, sorted(cols)});
      } else if (auto* ac = std::get_if<AlterColumn>(&c.op)) {
        if (Is(ac->kind, ChangeKind::Type)) retyped.insert({{ac->schema, ac->table}, ac->to.name});
      } else if (auto* dt = std::get_if<DropTable>(&c.op)) {
        dropped_tables.insert({dt->schema, dt->table.name});
      } else if (auto* rb = std::get_if<RebuildTable>(&c.op)) {
        rebuilt.insert({rb->schema, rb->from.name});
      }
    }
    if (dropped_keys.empty() && retyped.empty() && rebuilt.empty()) return;
    for (const auto& s : from_.schemas)
      for (const auto& t : s.tables) {
        ObjectName self{s.name, t.name};
        if (dropped_tables.count(self)) continue;
        for (const auto& k : t.constraints) {
          if (k.kind != catalog::Constraint::Kind::ForeignKey || fk_dropped.count({self, k.name})) continue;
          if (rebuilt.count(self)) {
            // The old table lets go of a key to another table rebuilt too
            // (the new one adds its keys to it after both rebuilds, below)
            // or dropped.
            if ((rebuilt.count(k.ref_table) || dropped_tables.count(k.ref_table)) && k.ref_table != self)
              Add(DropConstraint{s.name, t.name, k}, to_.FindTable(self) ? to_.FindTable(self)->src : t.src,
                  "the table it references is rebuilt or dropped");
            continue;
          }
          bool affected = dropped_keys.count({k.ref_table, sorted(k.ref_columns)}) > 0 || rebuilt.count(k.ref_table) > 0;
          for (const auto& rc : k.ref_columns) affected |= retyped.count({k.ref_table, rc}) > 0;
          for (const auto& col : k.columns) affected |= retyped.count({self, col}) > 0;
          if (!affected) continue;
          const catalog::Table* want = to_.FindTable(self);
          // The desired key: by name, or under the name a rename gives it —
          // the rename then has nothing left to rename.
          std::string name = k.name;
          if (auto renamed = FindRenameConstraint(self, k.name); renamed != changes_.end()) {
            name = std::get<RenameConstraint>(renamed->op).to;
            changes_.erase(renamed);
          }
          // Added again as desired, it needs no change in place either.
          std::erase_if(changes_, [&](const Change& c) {
            auto* a = std::get_if<AlterConstraint>(&c.op);
            return a && a->schema == s.name && a->table == t.name && a->from.name == k.name;
          });
          const catalog::Constraint* again = nullptr;
          if (want)
            for (const auto& wk : want->constraints)
              if (wk.name == name) again = &wk;
          source::SourceRange src = again ? again->src : want ? want->src : source::SourceRange{};
          Add(DropConstraint{s.name, t.name, k}, src, "the key it references changes");
          if (again && !fk_added.count({self, name}))
            Add(AddConstraint{s.name, t.name, *again}, src, "the key it references changes");
        }
      }
    // A rebuilt table's keys to another table rebuilt or created in the
    // same plan are added once both are there: created with the table, a
    // key would point at the other's old table (and two tables that
    // reference each other could not be ordered at all).
    std::set<ObjectName> rebuilt_to;
    for (const auto& c : changes_) {
      if (auto* rb = std::get_if<RebuildTable>(&c.op)) rebuilt_to.insert({rb->schema, rb->to.name});
      if (auto* ct = std::get_if<CreateTable>(&c.op)) rebuilt_to.insert({ct->schema, ct->table.name});
    }
    std::vector<std::pair<Op, source::SourceRange>> later;
    for (auto& c : changes_)
      if (auto* rb = std::get_if<RebuildTable>(&c.op))
        std::erase_if(rb->to.constraints, [&](const catalog::Constraint& k) {
          bool other = k.kind == catalog::Constraint::Kind::ForeignKey && rebuilt_to.count(k.ref_table) &&
                       k.ref_table != ObjectName{rb->schema, rb->to.name};
          if (other) later.emplace_back(AddConstraint{rb->schema, rb->to.name, k}, k.src);
          return other;
        });
    for (auto& [op, src] : later) Add(std::move(op), src, "the table it references is rebuilt or new");
  }

  /// The RenameConstraint change of `table`'s constraint `from`, if any.
  auto FindRenameConstraint(const ObjectName& table, const std::string& from) -> std::vector<Change>::iterator {
    return std::find_if(changes_.begin(), changes_.end(), [&](const Change& c) {
      auto* r = std::get_if<RenameConstraint>(&c.op);
      return r && r->schema == table.schema && r->table == table.name && r->from == from;
    });
  }

  // ---- views ----

  void DiffViews() {
    std::set<ObjectName> recreate;  // views dropped in from_ and created from to_
    std::vector<ObjectName> comment_changed;
    std::set<ObjectName> changed_relations = ChangedRelations();
    // Which columns of each changed relation change ("*": all of it). A
    // view is recreated only when it reads one of them: what it reads comes
    // from the backend (Postgres: its own parse tree), `*` expanded.
    std::map<ObjectName, std::set<std::string>> changed_columns = ChangedColumns();
    // `select *` fixes a view's columns when it is created: a view that reads
    // a table with `*` must be recreated when the table gains columns too.
    std::set<ObjectName> widened;
    for (const auto& c : changes_)
      if (auto* ac = std::get_if<AddColumn>(&c.op)) widened.insert({ac->schema, ac->table});
    std::unique_ptr<target::ViewComparer> views = backend_.CompareViews(from_, to_);
    for (const auto& s : to_.schemas) {
      for (const auto& v : s.views) {
        const catalog::View* cur = from_.FindView({s.name, v.name});
        if (!cur) {
          created_views_.insert({s.name, v.name});
          continue;
        }
        // What a view reads follows from its body; the body decides.
        if (cur->materialized != v.materialized || !views->Same({s.name, v.name})) {
          recreate.insert({s.name, v.name});
          changed_relations.insert({s.name, v.name});
        } else if (cur->comment != v.comment) {
          comment_changed.push_back({s.name, v.name});
        }
      }
    }
    for (const auto& s : from_.schemas)
      for (const auto& v : s.views)
        if (!to_.FindView({s.name, v.name})) changed_relations.insert({s.name, v.name});
    // Views reading a changed relation are dropped and recreated,
    // transitively: a walk over the readers of each changed relation.
    std::map<ObjectName, std::vector<std::pair<ObjectName, const catalog::View*>>> readers;
    for (const auto& s : from_.schemas)
      for (const auto& v : s.views) {
        ObjectName n{s.name, v.name};
        if (recreate.count(n) || !to_.FindView(n)) continue;
        for (const auto& d : v.depends_on) readers[d].push_back({n, &v});
      }
    std::vector<ObjectName> work(changed_relations.begin(), changed_relations.end());
    std::set<ObjectName> star_recreated;  // recreated because they select `*` from a table that gains columns
    auto recreate_view = [&](const ObjectName& n) {
      if (!recreate.insert(n).second) return;
      changed_relations.insert(n);
      changed_columns[n] = {"*"};
      work.push_back(n);
    };
    for (const auto& n : changed_relations) changed_columns.try_emplace(n, std::set<std::string>{"*"});
    for (const auto& n : recreate) changed_columns[n] = {"*"};
    std::map<ObjectName, std::optional<std::vector<target::ViewRead>>> view_reads;
    // Whether view `n` reads a column of `rel` that changes (or cannot tell).
    auto reads_changed = [&](const ObjectName& n, const ObjectName& rel) {
      auto cols = changed_columns.find(rel);
      if (cols == changed_columns.end() || cols->second.count("*")) return true;
      auto it = view_reads.find(n);
      if (it == view_reads.end()) it = view_reads.emplace(n, backend_.ViewColumns(from_, n)).first;
      if (!it->second) return true;
      for (const auto& r : *it->second)
        if (r.relation == rel)
          for (const auto& c : r.columns)
            if (c == "*" || cols->second.count(c)) return true;
      for (const auto& r : *it->second)
        if (r.relation == rel) return false;
      return true;  // the analysis does not say it reads `rel` at all: take no chance
    };
    for (const auto& d : widened)
      if (auto it = readers.find(d); it != readers.end())
        for (const auto& [n, v] : it->second)
          if (!recreate.count(n) && (backend_.ViewsBlockAddColumn() || backend_.SelectsAll(*v) ||
                                     backend_.SelectsAll(*to_.FindView(n)))) {
            star_recreated.insert(n);
            recreate_view(n);
          }
    while (!work.empty()) {
      ObjectName d = std::move(work.back());
      work.pop_back();
      if (auto it = readers.find(d); it != readers.end())
        for (const auto& [n, v] : it->second)
          if (!recreate.count(n) && reads_changed(n, d)) recreate_view(n);
    }
    // The reason shown: the first relation it reads that changes.
    std::map<ObjectName, std::string> because;
    for (const auto& [d, list] : readers)
      for (const auto& [n, v] : list) {
        if (!recreate.count(n) || because.count(n)) continue;
        for (const auto& r : v->depends_on)
          if ((changed_relations.count(r) && (star_recreated.count(n) || reads_changed(n, r))) ||
              (star_recreated.count(n) && widened.count(r))) {
            because[n] = r.schema + "." + r.name;
            break;
          }
      }
    for (const auto& s : from_.schemas)
      for (const auto& v : s.views) {
        ObjectName n{s.name, v.name};
        const catalog::View* want = to_.FindView(n);
        if (!want) {
          Add(DropView{s.name, v}, {});
        } else if (recreate.count(n)) {
          std::string reason = because.count(n) ? "it reads " + because[n] + ", which changes" : "";
          Add(DropView{s.name, v}, want->src, reason);
          Add(CreateView{s.name, *want}, want->src, reason);  // with its indexes
        } else {
          // A materialized view that stays keeps its indexes; they change one by one.
          DiffNamed(v.indexes, want->indexes, [&](const catalog::Index& a, const catalog::Index& b) { return SameIndex(a, b); },
                    [&](const catalog::Index& ix) { Add(CreateIndex{s.name, v.name, ix}, ix.src); },
                    [&](const catalog::Index& ix) { Add(DropIndex{s.name, v.name, ix}, want->src); },
                    [&](const catalog::Index& a, const catalog::Index& b) { Add(RenameIndex{s.name, a.name, b.name}, b.src); });
        }
      }
    for (const auto& n : created_views_) Add(CreateView{n.schema, *to_.FindView(n)}, to_.FindView(n)->src);
    // A recreated view gets its comment with CREATE; the others get COMMENT.
    for (const auto& n : comment_changed) {
      if (recreate.count(n)) continue;
      const catalog::View* v = to_.FindView(n);
      Add(SetComment{v->materialized ? SetComment::On::MaterializedView : SetComment::On::View, n.schema, n.name,
                     from_.FindView(n)->comment, v->comment},
          v->src);
    }
  }

  /// Tables whose shape changes in a way a reading view cannot survive.
  /// The columns each change of a table touches in a way a view reading
  /// them cannot survive: dropped, renamed, retyped or given another
  /// collation. A table dropped, rebuilt or renamed changes as a whole ("*").
  auto ChangedColumns() const -> std::map<ObjectName, std::set<std::string>> {
    std::map<ObjectName, std::set<std::string>> out;
    for (const auto& c : changes_) {
      std::visit(
          [&](const auto& op) {
            using T = std::decay_t<decltype(op)>;
            if constexpr (std::is_same_v<T, DropTable>) out[{op.schema, op.table.name}].insert("*");
            if constexpr (std::is_same_v<T, RebuildTable>) out[{op.schema, op.to.name}].insert("*");
            if constexpr (std::is_same_v<T, RenameTable>) out[{op.schema, op.to}].insert("*");
            if constexpr (std::is_same_v<T, DropColumn>) out[{op.schema, op.table}].insert(op.column.name);
            if constexpr (std::is_same_v<T, RenameColumn>) out[{op.schema, op.table}].insert(op.from);
            if constexpr (std::is_same_v<T, AlterColumn>)
              if (Is(op.kind, ChangeKind::Type | ChangeKind::Collation)) out[{op.schema, op.table}].insert(op.from.name);
          },
          c.op);
    }
    return out;
  }

  auto ChangedRelations() const -> std::set<ObjectName> {
    std::set<ObjectName> out;
    for (const auto& c : changes_) {
      std::visit(
          [&](const auto& op) {
            using T = std::decay_t<decltype(op)>;
            if constexpr (std::is_same_v<T, DropTable>) out.insert({op.schema, op.table.name});
            if constexpr (std::is_same_v<T, RebuildTable>) out.insert({op.schema, op.to.name});
            if constexpr (std::is_same_v<T, DropColumn> || std::is_same_v<T, RenameColumn>) out.insert({op.schema, op.table});
            if constexpr (std::is_same_v<T, RenameTable>) out.insert({op.schema, op.to});
            if constexpr (std::is_same_v<T, AlterColumn>)
              if (Is(op.kind, ChangeKind::Type | ChangeKind::Collation)) out.insert({op.schema, op.table});
          },
          c.op);
    }
    return out;
  }

  /// A view that read a relation the plan drops, and whose body still
  /// names it, cannot be created after the drop: refused before anything
  /// runs (a target without transactional DDL would have dropped the table
  /// already when the view's creation fails).
  void CheckViewsOfDroppedRelations() {
    for (const auto& s : to_.schemas)
      for (const auto& v : s.views) {
        const catalog::View* cur = from_.FindView({s.name, v.name});
        if (!cur) continue;
        std::vector<target::SqlToken> tokens;
        for (const auto& d : cur->depends_on) {
          if (!(from_.FindTable(d) || from_.FindView(d)) || to_.FindTable(d) || to_.FindView(d) ||
              std::find(to_.externs.begin(), to_.externs.end(), d) != to_.externs.end())
            continue;
          if (tokens.empty()) tokens = target::ScanSql(v.source.empty() ? v.definition : v.source);
          auto is = [](const target::SqlToken& t, const std::string& name) {
            return (t.kind == target::SqlToken::Kind::Name && llvm::StringRef(t.text).equals_insensitive(name)) ||
                   (t.kind == target::SqlToken::Kind::QuotedName && t.text == name);
          };
          // `d.name`, unless qualified by another schema (`x.v` is not `y.v`).
          bool named = false;
          for (size_t i = 0; i < tokens.size() && !named; ++i)
            named = is(tokens[i], d.name) &&
                    !(i >= 2 && tokens[i - 1].kind == target::SqlToken::Kind::Symbol && tokens[i - 1].text == "." &&
                      !is(tokens[i - 2], d.schema));
          if (named)
            diags_.Emit(diag::Kind::ViewReadsDropped, v.src, s.name + "." + v.name, d.schema + "." + d.name).hint =
                "change or drop the view in the same change, or keep " + d.name;
        }
      }
  }

  // ---- pipes ----

  /// A new pipe is created once its table has its shape; one no longer
  /// declared is dropped first. A pipe whose definition changes, or whose
  /// table this plan alters, is paused and drained before the table's first
  /// change and made again after its last (the edges are in AddEdges).
  void DiffPipes() {
    std::set<ObjectName> altered;
    for (const auto& c : changes_)
      if (auto t = DisturbedTable(c.op)) altered.insert(*t);
    for (const auto& s : to_.schemas) {
      const catalog::Schema* from = from_.FindSchema(s.name);
      for (const auto& p : s.pipes) {
        const catalog::Pipe* cur = from ? from->FindPipe(p.name) : nullptr;
        if (!cur) {
          Add(CreatePipe{s.name, p}, p.src);
        } else if (!cur->SameDefinition(p) || altered.count(p.table) || cur->table != p.table) {
          std::string why = cur->SameDefinition(p) ? "its table " + p.table.schema + "." + p.table.name + " changes" : "";
          Add(PausePipe{s.name, *cur}, p.src, why);
          Add(ReplacePipe{s.name, *cur, p}, p.src, why);
        }
      }
    }
    for (const auto& s : from_.schemas) {
      const catalog::Schema* to = to_.FindSchema(s.name);
      for (const auto& p : s.pipes)
        if (!to || !to->FindPipe(p.name)) Add(DropPipe{s.name, p}, to ? to->src : s.src);
    }
  }

  /// A pipe loads into its table only while the table has the shape its
  /// COPY was made for: created after the table's changes, dropped or
  /// paused before them, made again after them.
  template <typename Edge>
  void PipeEdges(Edge&& edge, const std::map<ObjectName, size_t>& create_table,
                 const std::map<ObjectName, size_t>& drop_table,
                 std::map<ObjectName, std::vector<size_t>>& table_changes) {
    std::map<ObjectName, size_t> paused;  // pipe -> its PausePipe
    for (size_t i = 0; i < changes_.size(); ++i)
      if (const auto* p = std::get_if<PausePipe>(&changes_[i].op)) paused[{p->schema, p->pipe.name}] = i;
    auto after_table = [&](const ObjectName& t, size_t i) {
      if (auto it = create_table.find(t); it != create_table.end()) edge(it->second, i);
      for (size_t j : table_changes[t]) edge(j, i);
    };
    auto before_table = [&](const ObjectName& t, size_t i) {
      if (auto it = drop_table.find(t); it != drop_table.end()) edge(i, it->second);
      for (size_t j : table_changes[t]) edge(i, j);
    };
    for (size_t i = 0; i < changes_.size(); ++i) {
      const Op& op = changes_[i].op;
      if (const auto* c = std::get_if<CreatePipe>(&op)) after_table(c->pipe.table, i);
      else if (const auto* d = std::get_if<DropPipe>(&op)) before_table(d->pipe.table, i);
      else if (const auto* p = std::get_if<PausePipe>(&op)) before_table(p->pipe.table, i);
      else if (const auto* r = std::get_if<ReplacePipe>(&op)) {
        after_table(r->to.table, i);
        if (auto it = paused.find({r->schema, r->from.name}); it != paused.end()) {
          edge(it->second, i);
          before_table(r->to.table, it->second);  // the table's changes name it by its new name
        }
      }
    }
  }

  // ---- dependency edges ----

  /// Foreign keys between tables that are both dropped are dropped first, so
  /// the tables can go in any order (and cycles among them need no care).
  void DropKeysBetweenDroppedTables() {
    std::set<ObjectName> dropped;
    for (const auto& c : changes_)
      if (auto* dt = std::get_if<DropTable>(&c.op)) dropped.insert({dt->schema, dt->table.name});
    std::vector<std::pair<Op, source::SourceRange>> extra;
    for (const auto& c : changes_)
      if (auto* dt = std::get_if<DropTable>(&c.op))
        for (const auto& k : dt->table.constraints)
          if (k.kind == catalog::Constraint::Kind::ForeignKey && dropped.count(k.ref_table) &&
              k.ref_table != ObjectName{dt->schema, dt->table.name})
            extra.emplace_back(DropConstraint{dt->schema, dt->table.name, k}, c.src);
    for (auto& [op, src] : extra) Add(std::move(op), src, "both tables are dropped");
  }

  /// Defaults that use a sequence come after the sequence is created; the
  /// owner is set after the owning column exists; a sequence is dropped after
  /// the tables and columns that used it change.
  template <typename Edge>
  void SequenceEdges(Edge&& edge, const std::map<ObjectName, size_t>& create_table,
                     std::map<ObjectName, std::vector<size_t>>& table_changes) {
    for (size_t i = 0; i < changes_.size(); ++i) {
      if (auto* cs = std::get_if<CreateSequence>(&changes_[i].op)) {
        for (size_t j = 0; j < changes_.size(); ++j) {
          const Op& o = changes_[j].op;
          bool uses = false;
          if (auto* ct = std::get_if<CreateTable>(&o))
            for (const auto& c : ct->table.columns) uses |= UsesSequence(c.default_expr, cs->schema, cs->sequence.name);
          if (auto* ac = std::get_if<AddColumn>(&o)) uses = UsesSequence(ac->column.default_expr, cs->schema, cs->sequence.name);
          if (auto* al = std::get_if<AlterColumn>(&o)) uses = UsesSequence(al->to.default_expr, cs->schema, cs->sequence.name);
          if (uses) edge(i, j);
        }
      }
      if (auto* as = std::get_if<AlterSequence>(&changes_[i].op); as && as->from.owned_table) {
        // Postgres drops a sequence with its owning table or column: it is
        // given its new owner (or none) first.
        const ObjectName& was = *as->from.owned_table;
        for (size_t j = 0; j < changes_.size(); ++j) {
          if (auto* dt = std::get_if<DropTable>(&changes_[j].op); dt && ObjectName{dt->schema, dt->table.name} == was) edge(i, j);
          if (auto* dc = std::get_if<DropColumn>(&changes_[j].op);
              dc && ObjectName{dc->schema, dc->table} == was && dc->column.name == as->from.owned_column)
            edge(i, j);
        }
      }
      if (auto* as = std::get_if<AlterSequence>(&changes_[i].op); as && as->to.owned_table) {
        const ObjectName& owner = *as->to.owned_table;
        if (auto it = create_table.find(owner); it != create_table.end()) edge(it->second, i);
        for (size_t j : table_changes[owner])
          if (std::holds_alternative<AddColumn>(changes_[j].op) || std::holds_alternative<RenameColumn>(changes_[j].op)) edge(j, i);
        for (size_t j = 0; j < changes_.size(); ++j)
          if (auto* cs = std::get_if<CreateSequence>(&changes_[j].op); cs && cs->schema == as->schema && cs->sequence.name == as->to.name)
            edge(j, i);
      } else if (std::holds_alternative<DropSequence>(changes_[i].op)) {
        for (size_t j = 0; j < changes_.size(); ++j)
          if (std::holds_alternative<DropTable>(changes_[j].op) || std::holds_alternative<DropColumn>(changes_[j].op) ||
              std::holds_alternative<AlterColumn>(changes_[j].op))
            edge(j, i);
      }
    }
  }

  void AddEdges() {
    DropKeysBetweenDroppedTables();
    // Index the changes by what they touch.
    std::map<std::string, std::vector<size_t>> by_schema;
    std::map<ObjectName, size_t> create_table, drop_table, create_view, drop_view, create_enum, drop_enum;
    std::map<ObjectName, std::vector<size_t>> table_changes, enum_changes;
    for (size_t i = 0; i < changes_.size(); ++i) {
      const Op& op = changes_[i].op;
      by_schema[SchemaOf(op)].push_back(i);
      std::visit(
          [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, CreateTable>) create_table[{c.schema, c.table.name}] = i;
            else if constexpr (std::is_same_v<T, DropTable>) drop_table[{c.schema, c.table.name}] = i;
            else if constexpr (std::is_same_v<T, CreateView>) create_view[{c.schema, c.view.name}] = i;
            else if constexpr (std::is_same_v<T, DropView>) drop_view[{c.schema, c.view.name}] = i;
            else if constexpr (std::is_same_v<T, CreateEnum>) create_enum[{c.schema, c.enum_type.name}] = i;
            else if constexpr (std::is_same_v<T, DropEnum>) drop_enum[{c.schema, c.enum_type.name}] = i;
            else if constexpr (std::is_same_v<T, AddEnumValue>) enum_changes[{c.schema, c.name}].push_back(i);
            else if constexpr (std::is_same_v<T, RenameEnumValue>) {
              // Columns name the enum by its new name.
              enum_changes[{c.schema, c.name}].push_back(i);
              for (const auto& [now, old] : enum_old_names_)
                if (now.schema == c.schema && old == c.name) enum_changes[now].push_back(i);
            }
            else if constexpr (std::is_same_v<T, AddColumn> || std::is_same_v<T, DropColumn> ||
                               std::is_same_v<T, AlterColumn> || std::is_same_v<T, RenameColumn> ||
                               std::is_same_v<T, AddConstraint> || std::is_same_v<T, DropConstraint> ||
                               std::is_same_v<T, CreateIndex> || std::is_same_v<T, DropIndex> ||
                               std::is_same_v<T, RenameConstraint> || std::is_same_v<T, AlterConstraint>)
              table_changes[{c.schema, c.table}].push_back(i);
            else if constexpr (std::is_same_v<T, RenameTable>) table_changes[{c.schema, c.to}].push_back(i);
            else if constexpr (std::is_same_v<T, AlterTable> || std::is_same_v<T, RebuildTable>)
              table_changes[{c.schema, c.to.name}].push_back(i);
            // Ordered by the edges below (schemas, enums, sequences, collations, partitions, comments).
            else if constexpr (std::is_same_v<T, CreateSchema> || std::is_same_v<T, DropSchema> ||
                               std::is_same_v<T, RenameEnum> || std::is_same_v<T, CreateCollation> ||
                               std::is_same_v<T, DropCollation> || std::is_same_v<T, CreateSequence> ||
                               std::is_same_v<T, DropSequence> || std::is_same_v<T, AlterSequence> ||
                               std::is_same_v<T, AttachPartition> || std::is_same_v<T, RenameIndex> ||
                               std::is_same_v<T, SetComment> || std::is_same_v<T, CreatePipe> ||
                               std::is_same_v<T, DropPipe> || std::is_same_v<T, PausePipe> ||
                               std::is_same_v<T, ReplacePipe>) {
            } else static_assert(kUnhandled<T>, "AddEdges: a change kind not indexed");
          },
          op);
    }
    auto edge = [&](size_t before, size_t after) {
      if (before != after) changes_[after].after.push_back(before);
    };
    SequenceEdges(edge, create_table, table_changes);
    CollationEdges(edge);
    PipeEdges(edge, create_table, drop_table, table_changes);
    auto uses_enum = [&](const catalog::Column& c, auto&& fn) {
      if (c.type_ref) fn(*c.type_ref);
    };
    for (size_t i = 0; i < changes_.size(); ++i) {
      std::visit(
          [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            // Objects in a new schema come after it; a dropped schema goes after its contents.
            if constexpr (std::is_same_v<T, CreateSchema>) {
              for (size_t j : by_schema[c.schema])
                if (j != i) edge(i, j);
            } else if constexpr (std::is_same_v<T, DropSchema>) {
              for (size_t j : by_schema[c.schema])
                if (j != i) edge(j, i);
            }
            // Tables and columns come after the enums they use and before the enums are dropped.
            auto column_needs = [&](const catalog::Column& col) {
              uses_enum(col, [&](const ObjectName& e) {
                if (auto it = create_enum.find(e); it != create_enum.end()) edge(it->second, i);
                for (size_t j : enum_changes[e]) edge(j, i);
              });
            };
            auto column_frees = [&](const catalog::Column& col) {
              uses_enum(col, [&](const ObjectName& e) {
                if (auto it = drop_enum.find(e); it != drop_enum.end()) edge(i, it->second);
              });
            };
            // A foreign key comes after its referenced table, its key, and
            // the referenced columns (new, retyped or renamed).
            auto key_edges = [&](const catalog::Constraint& k) {
              const ObjectName& ref = k.ref_table;
              if (auto it = create_table.find(ref); it != create_table.end()) edge(it->second, i);
              auto referenced = [&](const std::string& col) {
                return std::find(k.ref_columns.begin(), k.ref_columns.end(), col) != k.ref_columns.end();
              };
              for (size_t j : table_changes[ref]) {
                if (j == i) continue;
                const Op& o = changes_[j].op;
                bool needed = false;
                if (auto* ak = std::get_if<AddConstraint>(&o)) needed = ak->constraint.kind != catalog::Constraint::Kind::ForeignKey;
                if (auto* dk = std::get_if<DropConstraint>(&o)) needed = dk->constraint.kind != catalog::Constraint::Kind::ForeignKey;
                if (auto* ci = std::get_if<CreateIndex>(&o)) needed = ci->index.unique;
                if (auto* ac = std::get_if<AlterColumn>(&o)) needed = referenced(ac->to.name);
                if (auto* ad = std::get_if<AddColumn>(&o)) needed = referenced(ad->column.name);
                if (auto* rn = std::get_if<RenameColumn>(&o)) needed = referenced(rn->to);
                if (std::holds_alternative<RebuildTable>(o)) needed = true;
                if (needed) edge(j, i);
              }
            };
            if constexpr (std::is_same_v<T, CreateTable>) {
              for (const auto& col : c.table.columns) column_needs(col);
              for (const auto& k : c.table.constraints)
                if (k.kind == catalog::Constraint::Kind::ForeignKey && k.ref_table != ObjectName{c.schema, c.table.name})
                  key_edges(k);
              // A partition comes after its parent.
              if (c.table.partition_of)
                if (auto it = create_table.find(*c.table.partition_of); it != create_table.end()) edge(it->second, i);
              // A relation named like one this table creates implicitly goes first.
              for (const auto& n : backend_.ImplicitRelations(c.table))
                if (auto it = create_table.find({c.schema, n}); it != create_table.end()) edge(it->second, i);
            } else if constexpr (std::is_same_v<T, AddColumn>) {
              column_needs(c.column);
            } else if constexpr (std::is_same_v<T, AlterColumn>) {
              column_needs(c.to);
              column_frees(c.from);
            } else if constexpr (std::is_same_v<T, DropColumn>) {
              column_frees(c.column);
            } else if constexpr (std::is_same_v<T, AttachPartition>) {
              // Attached to a new parent once it exists; detached before the
              // old one is dropped, which would take the partition with it.
              if (auto it = create_table.find(c.parent); it != create_table.end()) edge(it->second, i);
              if (auto it = drop_table.find(c.from_parent); it != drop_table.end()) edge(i, it->second);
            } else if constexpr (std::is_same_v<T, DropTable>) {
              for (const auto& col : c.table.columns) column_frees(col);
              // A partition is dropped before its parent, which would take it along.
              if (c.table.partition_of)
                if (auto it = drop_table.find(*c.table.partition_of); it != drop_table.end()) edge(i, it->second);
              // Foreign keys from other tables to this one go first.
              for (size_t j = 0; j < changes_.size(); ++j)
                if (auto* dk = std::get_if<DropConstraint>(&changes_[j].op))
                  if (dk->constraint.kind == catalog::Constraint::Kind::ForeignKey &&
                      dk->constraint.ref_table == ObjectName{c.schema, c.table.name})
                    edge(j, i);
            } else if constexpr (std::is_same_v<T, AddConstraint>) {
              if (c.constraint.kind == catalog::Constraint::Kind::ForeignKey) key_edges(c.constraint);
            } else if constexpr (std::is_same_v<T, RebuildTable>) {
              // The new table's foreign keys point at the referenced tables as they end up.
              for (const auto& k : c.to.constraints)
                if (k.kind == catalog::Constraint::Kind::ForeignKey && k.ref_table != ObjectName{c.schema, c.to.name})
                  key_edges(k);
            } else if constexpr (std::is_same_v<T, DropConstraint>) {
              // A unique or primary key goes after the foreign keys that need it.
              if (c.constraint.kind == catalog::Constraint::Kind::PrimaryKey ||
                  c.constraint.kind == catalog::Constraint::Kind::Unique)
                for (size_t j = 0; j < changes_.size(); ++j)
                  if (auto* dk = std::get_if<DropConstraint>(&changes_[j].op))
                    if (dk->constraint.kind == catalog::Constraint::Kind::ForeignKey &&
                        dk->constraint.ref_table == ObjectName{c.schema, c.table})
                      edge(j, i);
            } else if constexpr (std::is_same_v<T, CreateView>) {
              for (const auto& d : c.view.depends_on) {
                if (auto it = create_table.find(d); it != create_table.end()) edge(it->second, i);
                if (auto it = create_view.find(d); it != create_view.end()) edge(it->second, i);
                for (size_t j : table_changes[d]) edge(j, i);
              }
              if (auto it = drop_view.find({c.schema, c.view.name}); it != drop_view.end()) edge(it->second, i);
            } else if constexpr (std::is_same_v<T, DropView>) {
              for (const auto& d : c.view.depends_on) {
                if (auto it = drop_table.find(d); it != drop_table.end()) edge(i, it->second);
                if (auto it = drop_view.find(d); it != drop_view.end()) edge(i, it->second);
                for (size_t j : table_changes[d]) edge(i, j);
                for (size_t j = 0; j < changes_.size(); ++j)
                  if (auto* rt = std::get_if<RenameTable>(&changes_[j].op))
                    if (ObjectName{rt->schema, rt->to} == d) edge(i, j);
              }
            } else if constexpr (std::is_same_v<T, RenameColumn> || std::is_same_v<T, AddColumn> ||
                                 std::is_same_v<T, AlterColumn> || std::is_same_v<T, DropColumn> ||
                                 std::is_same_v<T, AddConstraint> || std::is_same_v<T, CreateIndex>) {
              // Changes inside a renamed table come after the rename.
            }
          },
          changes_[i].op);
    }
    // Keys, checks and indexes come after the columns they are built on, and
    // a rebuilt generated column after the type changes it reads.
    for (size_t i = 0; i < changes_.size(); ++i) {
      const Op& op = changes_[i].op;
      std::string table;
      std::vector<std::string> cols, exprs;
      if (auto* ak = std::get_if<AddConstraint>(&op)) {
        table = ak->table;
        cols = ak->constraint.columns;
        if (ak->constraint.kind == catalog::Constraint::Kind::Check) exprs.push_back(ak->constraint.check);
      } else if (auto* ci = std::get_if<CreateIndex>(&op)) {
        table = ci->table;
        for (const auto& k : ci->index.keys) (k.column.empty() ? exprs : cols).push_back(k.column.empty() ? k.expression : k.column);
        if (ci->index.where) exprs.push_back(*ci->index.where);
      } else if (auto* ac = std::get_if<AddColumn>(&op); ac && ac->column.generated) {
        table = ac->table;
        exprs.push_back(*ac->column.generated);
      } else {
        continue;
      }
      for (const auto& e : exprs)
        for (const auto& n : backend_.ExpressionNames(e)) cols.push_back(n);
      for (size_t j : table_changes[{SchemaOf(op), table}]) {
        if (j == i) continue;
        std::string col;
        if (auto* a = std::get_if<AddColumn>(&changes_[j].op)) col = a->column.name;
        else if (auto* a2 = std::get_if<AlterColumn>(&changes_[j].op)) col = a2->to.name;
        else if (auto* a3 = std::get_if<RenameColumn>(&changes_[j].op)) col = a3->to;
        if (!col.empty() && std::find(cols.begin(), cols.end(), col) != cols.end()) edge(j, i);
      }
    }
    // Everything on a renamed table comes after its rename.
    for (size_t i = 0; i < changes_.size(); ++i)
      if (auto* rt = std::get_if<RenameTable>(&changes_[i].op))
        for (size_t j : table_changes[{rt->schema, rt->to}])
          if (j != i) edge(i, j);
    // A table is rebuilt after the foreign keys that reference it, the keys
    // of its own that go, and the dropped tables that reference it are
    // dropped.
    for (size_t i = 0; i < changes_.size(); ++i) {
      auto* rb = std::get_if<RebuildTable>(&changes_[i].op);
      if (!rb) continue;
      ObjectName old{rb->schema, rb->from.name};
      for (size_t j = 0; j < changes_.size(); ++j) {
        if (auto* dk = std::get_if<DropConstraint>(&changes_[j].op)) {
          bool references = dk->constraint.kind == catalog::Constraint::Kind::ForeignKey && dk->constraint.ref_table == old;
          if (references || ObjectName{dk->schema, dk->table} == old) edge(j, i);
        } else if (auto* ak = std::get_if<AddConstraint>(&changes_[j].op)) {
          if (ObjectName{ak->schema, ak->table} == ObjectName{rb->schema, rb->to.name}) edge(i, j);
        } else if (auto* dt = std::get_if<DropTable>(&changes_[j].op)) {
          for (const auto& k : dt->table.constraints)
            if (k.kind == catalog::Constraint::Kind::ForeignKey && k.ref_table == old) edge(j, i);
        }
      }
    }
    // A column is dropped after the keys, checks and indexes over it that are
    // dropped by name (the database would drop them with the column, and
    // their DROP would fail) and after the foreign keys that reference it.
    for (size_t i = 0; i < changes_.size(); ++i) {
      auto* dc = std::get_if<DropColumn>(&changes_[i].op);
      if (!dc) continue;
      const std::string& col = dc->column.name;
      auto has = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), col) != v.end(); };
      for (size_t j = 0; j < changes_.size(); ++j) {
        if (auto* dk = std::get_if<DropConstraint>(&changes_[j].op)) {
          bool same_table = dk->schema == dc->schema && dk->table == dc->table;
          bool references = dk->constraint.kind == catalog::Constraint::Kind::ForeignKey &&
                            dk->constraint.ref_table == ObjectName{dc->schema, dc->table} && has(dk->constraint.ref_columns);
          if ((same_table && has(dk->constraint.columns)) || references) edge(j, i);
        } else if (auto* di = std::get_if<DropIndex>(&changes_[j].op)) {
          if (di->schema == dc->schema && di->table == dc->table &&
              std::any_of(di->index.keys.begin(), di->index.keys.end(), [&](const catalog::IndexKey& k) { return k.column == col; }))
            edge(j, i);
        }
      }
    }
    // A change to a renamed column (e.g. dropping it to rebuild it) names it
    // by its new name, so it comes after the rename.
    for (size_t i = 0; i < changes_.size(); ++i)
      if (auto* rc = std::get_if<RenameColumn>(&changes_[i].op))
        for (size_t j : table_changes[{rc->schema, rc->table}]) {
          const Op& o = changes_[j].op;
          auto* dc = std::get_if<DropColumn>(&o);
          auto* ac = std::get_if<AlterColumn>(&o);
          if ((dc && dc->column.name == rc->to) || (ac && ac->to.name == rc->to)) edge(i, j);
        }
    for (auto& c : changes_) {
      std::sort(c.after.begin(), c.after.end());
      c.after.erase(std::unique(c.after.begin(), c.after.end()), c.after.end());
    }
  }

  catalog::Catalog from_;
  const catalog::Catalog& to_;
  const target::Backend& backend_;
  diag::Engine& diags_;
  std::vector<Change> changes_;
  std::set<ObjectName> created_views_;
  std::map<ObjectName, std::string> enum_old_names_;  // renamed enums: new name -> old name
};

}  // namespace

auto Diff(const catalog::Catalog& from, const catalog::Catalog& to, const target::Backend& backend,
          diag::Engine& diags) -> std::vector<Change> {
  Differ d(from, to, backend, diags);
  return d.Run();
}

auto Describe(ChangeKind k) -> std::string {
  static const std::pair<ChangeKind, const char*> names[] = {
      {ChangeKind::Type, "type"},         {ChangeKind::Null, "null"},           {ChangeKind::Default, "default"},
      {ChangeKind::Identity, "identity"}, {ChangeKind::Generated, "generated"}, {ChangeKind::Comment, "comment"},
      {ChangeKind::Collation, "collation"}, {ChangeKind::IdentityOptions, "identity options"}};
  std::string s;
  for (const auto& [bit, name] : names)
    if (Is(k, bit)) s += (s.empty() ? "" : ", ") + std::string(name);
  return s;
}

auto KindName(const Op& op) -> std::string {
  return std::visit(
      [](const auto& c) -> std::string {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, CreateSchema>) return "create_schema";
        else if constexpr (std::is_same_v<T, DropSchema>) return "drop_schema";
        else if constexpr (std::is_same_v<T, CreateEnum>) return "create_enum";
        else if constexpr (std::is_same_v<T, DropEnum>) return "drop_enum";
        else if constexpr (std::is_same_v<T, AddEnumValue>) return "add_enum_value";
        else if constexpr (std::is_same_v<T, RenameEnumValue>) return "rename_enum_value";
        else if constexpr (std::is_same_v<T, RenameEnum>) return "rename_enum";
        else if constexpr (std::is_same_v<T, AttachPartition>) return "attach_partition";
        else if constexpr (std::is_same_v<T, CreateCollation>) return "create_collation";
        else if constexpr (std::is_same_v<T, DropCollation>) return "drop_collation";
        else if constexpr (std::is_same_v<T, CreateSequence>) return "create_sequence";
        else if constexpr (std::is_same_v<T, DropSequence>) return "drop_sequence";
        else if constexpr (std::is_same_v<T, AlterSequence>) return "alter_sequence";
        else if constexpr (std::is_same_v<T, CreateTable>) return "create_table";
        else if constexpr (std::is_same_v<T, DropTable>) return "drop_table";
        else if constexpr (std::is_same_v<T, RenameTable>) return "rename_table";
        else if constexpr (std::is_same_v<T, AlterTable>) return "alter_table";
        else if constexpr (std::is_same_v<T, RebuildTable>) return "rebuild_table";
        else if constexpr (std::is_same_v<T, AddColumn>) return "add_column";
        else if constexpr (std::is_same_v<T, DropColumn>) return "drop_column";
        else if constexpr (std::is_same_v<T, RenameColumn>) return "rename_column";
        else if constexpr (std::is_same_v<T, AlterColumn>) return "alter_column";
        else if constexpr (std::is_same_v<T, AddConstraint>) return "add_constraint";
        else if constexpr (std::is_same_v<T, DropConstraint>) return "drop_constraint";
        else if constexpr (std::is_same_v<T, RenameConstraint>) return "rename_constraint";
        else if constexpr (std::is_same_v<T, AlterConstraint>) return "alter_constraint";
        else if constexpr (std::is_same_v<T, CreateIndex>) return "create_index";
        else if constexpr (std::is_same_v<T, DropIndex>) return "drop_index";
        else if constexpr (std::is_same_v<T, RenameIndex>) return "rename_index";
        else if constexpr (std::is_same_v<T, CreateView>) return c.view.materialized ? "create_materialized_view" : "create_view";
        else if constexpr (std::is_same_v<T, DropView>) return c.view.materialized ? "drop_materialized_view" : "drop_view";
        else if constexpr (std::is_same_v<T, CreatePipe>) return "create_pipe";
        else if constexpr (std::is_same_v<T, DropPipe>) return "drop_pipe";
        else if constexpr (std::is_same_v<T, PausePipe>) return "pause_pipe";
        else if constexpr (std::is_same_v<T, ReplacePipe>) return "replace_pipe";
        else if constexpr (std::is_same_v<T, SetComment>) return "set_comment";
        else static_assert(kUnhandled<T>, "KindName: a change kind without a name");
      },
      op);
}

auto SchemaOf(const Op& op) -> const std::string& {
  return std::visit([](const auto& c) -> const std::string& { return c.schema; }, op);
}

auto ObjectName(const Op& op) -> std::string {
  return std::visit(
      [](const auto& c) -> std::string {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, CreateSchema> || std::is_same_v<T, DropSchema>) return c.schema;
        else if constexpr (std::is_same_v<T, CreateEnum> || std::is_same_v<T, DropEnum>) return c.schema + "." + c.enum_type.name;
        else if constexpr (std::is_same_v<T, AddEnumValue> || std::is_same_v<T, RenameEnumValue>) return c.schema + "." + c.name;
        else if constexpr (std::is_same_v<T, RenameEnum>) return c.schema + "." + c.from;
        else if constexpr (std::is_same_v<T, CreateTable> || std::is_same_v<T, DropTable>) return c.schema + "." + c.table.name;
        else if constexpr (std::is_same_v<T, RenameTable>) return c.schema + "." + c.from;
        else if constexpr (std::is_same_v<T, AlterTable> || std::is_same_v<T, RebuildTable>) return c.schema + "." + c.to.name;
        else if constexpr (std::is_same_v<T, AttachPartition>) return c.schema + "." + c.table;
        else if constexpr (std::is_same_v<T, CreateSequence> || std::is_same_v<T, DropSequence>) return c.schema + "." + c.sequence.name;
        else if constexpr (std::is_same_v<T, CreateCollation> || std::is_same_v<T, DropCollation>) return c.schema + "." + c.collation.name;
        else if constexpr (std::is_same_v<T, AlterSequence>) return c.schema + "." + c.to.name;
        else if constexpr (std::is_same_v<T, AddColumn> || std::is_same_v<T, DropColumn>) return c.schema + "." + c.table + "." + c.column.name;
        else if constexpr (std::is_same_v<T, RenameColumn>) return c.schema + "." + c.table + "." + c.from;
        else if constexpr (std::is_same_v<T, AlterColumn>) return c.schema + "." + c.table + "." + c.to.name;
        else if constexpr (std::is_same_v<T, AddConstraint> || std::is_same_v<T, DropConstraint>) return c.schema + "." + c.table + "." + c.constraint.name;
        else if constexpr (std::is_same_v<T, RenameConstraint>) return c.schema + "." + c.table + "." + c.from;
        else if constexpr (std::is_same_v<T, AlterConstraint>) return c.schema + "." + c.table + "." + c.to.name;
        else if constexpr (std::is_same_v<T, CreateIndex> || std::is_same_v<T, DropIndex>) return c.schema + "." + c.index.name;
        else if constexpr (std::is_same_v<T, RenameIndex>) return c.schema + "." + c.from;
        else if constexpr (std::is_same_v<T, CreateView> || std::is_same_v<T, DropView>) return c.schema + "." + c.view.name;
        else if constexpr (std::is_same_v<T, CreatePipe> || std::is_same_v<T, DropPipe> || std::is_same_v<T, PausePipe>)
          return c.schema + "." + c.pipe.name;
        else if constexpr (std::is_same_v<T, ReplacePipe>) return c.schema + "." + c.to.name;
        else if constexpr (std::is_same_v<T, SetComment>) return c.schema + "." + c.name;
        else static_assert(kUnhandled<T>, "ObjectName: a change kind without an object");
      },
      op);
}

auto AlteredTable(const Op& op) -> std::optional<catalog::ObjectName> {
  return std::visit(
      [](const auto& c) -> std::optional<catalog::ObjectName> {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, AddColumn> || std::is_same_v<T, DropColumn> || std::is_same_v<T, AlterColumn> ||
                      std::is_same_v<T, RenameColumn> || std::is_same_v<T, AddConstraint> ||
                      std::is_same_v<T, DropConstraint> || std::is_same_v<T, CreateIndex> ||
                      std::is_same_v<T, DropIndex> || std::is_same_v<T, RenameConstraint> ||
                      std::is_same_v<T, AlterConstraint>)
          return catalog::ObjectName{c.schema, c.table};
        else if constexpr (std::is_same_v<T, RenameTable>) return catalog::ObjectName{c.schema, c.to};
        else if constexpr (std::is_same_v<T, AlterTable> || std::is_same_v<T, RebuildTable>)
          return catalog::ObjectName{c.schema, c.to.name};
        else if constexpr (std::is_same_v<T, AttachPartition>) return catalog::ObjectName{c.schema, c.table};
        else if constexpr (std::is_same_v<T, SetComment>) {
          if (c.on == SetComment::On::Table) return catalog::ObjectName{c.schema, c.name};
          return std::nullopt;
        } else
          return std::nullopt;
      },
      op);
}

auto DisturbedTable(const Op& op) -> std::optional<catalog::ObjectName> {
  if (std::holds_alternative<SetComment>(op)) return std::nullopt;
  return AlteredTable(op);
}

}  // namespace schemac::diff
