// The lint phase (see lint.h): one pass over the ordered plan, one function
// per family of rules, then severities and acknowledgements applied.
#include "compiler/lint/lint.h"

#include <fmt/format.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/ADT/StringSet.h>

#include <algorithm>
#include <set>

namespace schemac::lint {

auto Subject::Text() const -> std::string {
  std::string s = schema;
  for (const std::string* p : {&relation, &part})
    if (!p->empty()) s += (s.empty() ? "" : ".") + *p;
  return s;
}

namespace {

auto Key(const Subject& s) -> std::string { return s.schema + '\x1f' + s.relation + '\x1f' + s.part; }

}  // namespace

Origins::Origins(const catalog::Catalog& c) {
  for (const auto& sch : c.schemas) {
    ranges_[Key({sch.name, "", ""})] = sch.src;
    for (const auto& t : sch.tables) {
      ranges_[Key({sch.name, t.name, ""})] = t.src;
      for (const auto& col : t.columns) ranges_[Key({sch.name, t.name, col.name})] = col.src;
      for (const auto& k : t.constraints) ranges_[Key({sch.name, t.name, k.name})] = k.src;
      for (const auto& i : t.indexes) ranges_[Key({sch.name, t.name, i.name})] = i.src;
    }
    for (const auto& v : sch.views) ranges_[Key({sch.name, v.name, ""})] = v.src;
    for (const auto& e : sch.enums) ranges_[Key({sch.name, e.name, ""})] = e.src;
  }
}

auto Origins::Find(const Subject& s) const -> source::SourceRange {
  auto it = ranges_.find(Key(s));
  return it == ranges_.end() ? source::SourceRange{} : it->second;
}

namespace {

using Severity = diag::Severity;

/// "public.users": the qualified name of a relation.
auto Qualified(const std::string& schema, const std::string& name) -> std::string { return schema + "." + name; }

/// Whether `a` looks like `b` renamed: close in spelling, or one contains the other.
auto LooksRenamed(const std::string& a, const std::string& b) -> bool {
  if (a.empty() || b.empty()) return false;
  size_t longest = std::max(a.size(), b.size());
  if (diag::EditDistance(a, b) <= std::max<size_t>(2, longest / 3)) return true;
  return (a.size() >= 3 && b.find(a) != std::string::npos) || (b.size() >= 3 && a.find(b) != std::string::npos);
}

/// One walk over a plan, collecting findings.
class Linter {
 public:
  Linter(const plan::Plan& plan, const catalog::Catalog& from, const catalog::Catalog& to,
         const target::Backend& backend, const Origins* origins)
      : plan_(plan), from_(from), to_(to), backend_(backend), origins_(origins) {
    for (const auto& c : plan.changes) {
      if (const auto* t = std::get_if<diff::CreateTable>(&c.op)) created_.insert(Qualified(t->schema, t->table.name));
      // Dropped by the differ to be made again (a column it uses changes type).
      if (const auto* k = std::get_if<diff::DropConstraint>(&c.op); k && !c.reason.empty())
        remade_.insert(Qualified(k->schema, k->table) + "." + k->constraint.name);
      if (const auto* i = std::get_if<diff::DropIndex>(&c.op); i && !c.reason.empty())
        remade_.insert(Qualified(i->schema, i->table) + "." + i->index.name);
    }
  }

  auto Run() -> std::vector<Finding> {
    for (index_ = 0; index_ < plan_.changes.size(); ++index_) {
      const diff::Change& c = plan_.changes[index_];
      cost_ = backend_.CostOf(c, plan_, from_, to_);
      std::visit([&](const auto& op) { Visit(op, c); }, c.op);
    }
    return std::move(findings_);
  }

 private:
  // ---- the rules, by kind of change ----

  void Visit(const diff::DropSchema& op, const diff::Change& c) {
    const catalog::Schema* old = from_.FindSchema(op.schema);
    if (old && old->tables.empty()) return;  // no rows to lose
    Removal(RuleId::DropSchema, {op.schema, "", ""}, c,
            fmt::format("schema '{}' is dropped with every table in it and their data", op.schema));
  }
  void Visit(const diff::DropTable& op, const diff::Change& c) {
    if (!c.reason.empty()) return;
    Finding& f = Removal(RuleId::DropTable, {op.schema, op.table.name, ""}, c,
                         fmt::format("table '{}' is dropped with its data", Qualified(op.schema, op.table.name)));
    for (const auto& other : plan_.changes)
      if (const auto* t = std::get_if<diff::CreateTable>(&other.op);
          t && t->schema == op.schema && (LooksRenamed(op.table.name, t->table.name) || SameColumns(op.table, t->table)))
        f.hint = fmt::format("if '{}' is '{}' renamed, write `renamed from {}` in table {} to keep the rows",
                             t->table.name, op.table.name, op.table.name, t->table.name);
  }
  void Visit(const diff::DropColumn& op, const diff::Change& c) {
    // A generated column dropped to be added again loses nothing: its
    // values are computed again. A stored one (it becomes generated) loses them.
    if (!c.reason.empty() && op.column.generated) return;
    Finding& f = Removal(RuleId::DropColumn, {op.schema, op.table, op.column.name}, c,
                         c.reason.empty()
                             ? fmt::format("column '{}' is dropped from table '{}' with its data", op.column.name,
                                           Qualified(op.schema, op.table))
                             : fmt::format("column '{}' of table '{}' is dropped and added again ({}): the values it "
                                           "holds are lost",
                                           op.column.name, Qualified(op.schema, op.table), c.reason));
    if (!c.reason.empty()) return;
    for (const auto& other : plan_.changes)
      if (const auto* a = std::get_if<diff::AddColumn>(&other.op);
          a && a->schema == op.schema && a->table == op.table && a->column.type == op.column.type &&
          LooksRenamed(op.column.name, a->column.name))
        f.hint = fmt::format("if '{}' is '{}' renamed, write `renamed from {}` on column {} to keep its values",
                             a->column.name, op.column.name, op.column.name, a->column.name);
  }
  void Visit(const diff::DropView& op, const diff::Change& c) {
    if (!op.view.materialized) return;
    Removal(RuleId::DropViewData, {op.schema, op.view.name, ""}, c,
            fmt::format("materialized view '{}' is dropped{}: its data is computed again when it is created",
                        Qualified(op.schema, op.view.name), c.reason.empty() ? "" : " (" + c.reason + ")"));
  }
  void Visit(const diff::CreateView& op, const diff::Change& c) {
    if (!c.reason.empty())
      Add(RuleId::ViewRecreated, {op.schema, op.view.name, ""}, c.src,
          fmt::format("view '{}' is dropped and created again: {}", Qualified(op.schema, op.view.name), c.reason));
    Names({op.schema, op.view.name, ""}, c.src);
  }
  void Visit(const diff::AddColumn& op, const diff::Change& c) {
    Subject s{op.schema, op.table, op.column.name};
    Names(s, c.src);
    Lossy(s, op.column, c.src);
    if (IsNew(op.schema, op.table)) return;
    const catalog::Column& col = op.column;
    if (col.not_null && !cost_.defaults_fill_rows && !col.generated && !col.metadata && c.reason.empty())
      Add(RuleId::AddRequiredColumn, s, c.src,
          fmt::format("column '{}' is added to table '{}' as not null: the rows already stored have no value for it, "
                      "and {} fills none",
                      col.name, Qualified(op.schema, op.table), backend_.Name()))
          .hint = "add it nullable, fill it in the writers, and make it not null once every row has it";
    else if (col.not_null && !col.default_expr && col.identity.empty() && !col.generated && c.reason.empty())
      Add(RuleId::AddRequiredColumn, s, c.src,
          fmt::format("column '{}' is added to table '{}' as not null without a default: it fails if the table has rows",
                      col.name, Qualified(op.schema, op.table)))
          .hint = "give it a default, or add it nullable, fill it, then make it not null";
    Rewrite(s, c);
  }
  void Visit(const diff::AlterColumn& op, const diff::Change& c) {
    Subject s{op.schema, op.table, op.to.name};
    std::string column = fmt::format("column '{}' of table '{}'", op.to.name, Qualified(op.schema, op.table));
    if (diff::Is(op.kind, diff::ChangeKind::Type)) Lossy(s, op.to, c.src);
    if (diff::Is(op.kind, diff::ChangeKind::Type) && op.from.type != op.to.type &&
        backend_.Narrows(op.from.type, op.to.type))
      Add(RuleId::NarrowingType, s, c.src,
          fmt::format("{} changes type from {} to {}: values that do not fit are cut or make the change fail", column,
                      op.from.type, op.to.type))
          .hint = "add a new column of the new type, copy the values that fit, then drop the old one";
    if (diff::Is(op.kind, diff::ChangeKind::Null) && op.to.not_null && !op.from.not_null) {
      Add(RuleId::SetNotNull, s, c.src, fmt::format("{} becomes not null: the change fails if a row holds null", column))
          .hint = "fill the nulls first (an UPDATE in an earlier release)";
      if (cost_.scans)
        Lock(Add(RuleId::NotNullScan, s, c.src, fmt::format("{} becomes not null {}", column, Locking())),
             "with --online, a validated CHECK (column IS NOT NULL) proves it first and SET NOT NULL skips the scan");
    }
    if (cost_.builds_index && !cost_.rewrites && !IsNew(op.schema, op.table))
      Lock(Add(RuleId::IndexNotConcurrent, s, c.src,
               fmt::format("the indexes over {} are built again {}", column, Locking())),
           "on a busy table, add a new column with the new collation, build its index concurrently, and switch over");
    if (diff::Is(op.kind, diff::ChangeKind::Default) && op.from.default_expr && !op.to.default_expr && op.to.not_null)
      Add(RuleId::DropDefault, s, c.src,
          fmt::format("{} loses its default {} and is not null: inserts that leave it out fail", column,
                      *op.from.default_expr))
          .hint = "keep the default until every writer sets the column";
    Rewrite(s, c);
  }
  void Visit(const diff::RenameTable& op, const diff::Change& c) {
    Add(RuleId::RenameTable, {op.schema, op.to, ""}, c.src,
        fmt::format("table '{}' is renamed to '{}': queries that use the old name fail", Qualified(op.schema, op.from),
                    op.to))
        .hint = "deploy the readers and writers that use the new name together with this change, or keep a view "
                "under the old name";
    Names({op.schema, op.to, ""}, c.src);
  }
  void Visit(const diff::RenameColumn& op, const diff::Change& c) {
    Add(RuleId::RenameColumn, {op.schema, op.table, op.to}, c.src,
        fmt::format("column '{}' of table '{}' is renamed to '{}': queries that use the old name fail", op.from,
                    Qualified(op.schema, op.table), op.to))
        .hint = "add the new column, write both, move the readers, then drop the old one";
    Names({op.schema, op.table, op.to}, c.src);
  }
  void Visit(const diff::RenameEnumValue& op, const diff::Change& c) {
    Add(RuleId::EnumValueRemoved, {op.schema, op.name, ""}, c.src,
        fmt::format("value '{}' of enum '{}' is renamed to '{}': writers that send '{}' fail", op.from,
                    Qualified(op.schema, op.name), op.to, op.from))
        .hint = "add the new value, move the writers to it, then stop using the old one";
  }
  void Visit(const diff::AddConstraint& op, const diff::Change& c) {
    using Kind = catalog::Constraint::Kind;
    const catalog::Constraint& k = op.constraint;
    Subject s{op.schema, op.table, k.name};
    Names(s, c.src);
    Unenforced(s, k, c.src);
    if (IsNew(op.schema, op.table)) return;
    std::string table = Qualified(op.schema, op.table);
    // Existing rows are checked unless the constraint is NOT VALID, or it
    // is the same constraint made again over the same values.
    if (c.reason.empty() && !k.not_valid && !Remade(op.schema, op.table, k.name)) {
      switch (k.kind) {
        case Kind::PrimaryKey:
        case Kind::Unique:
          Add(RuleId::AddUnique, s, c.src,
              fmt::format("{} '{}' is added to table '{}': it fails if existing rows hold duplicates",
                          k.kind == Kind::PrimaryKey ? "primary key" : "unique constraint", k.name, table))
              .hint = "find and fix duplicates before the change";
          break;
        case Kind::Check:
          Add(RuleId::AddCheck, s, c.src,
              fmt::format("check '{}' is added to table '{}': it fails if an existing row violates it", k.name, table))
              .hint = "fix the rows that violate it before the change";
          break;
        case Kind::ForeignKey:
          Add(RuleId::AddForeignKey, s, c.src,
              fmt::format("foreign key '{}' is added to table '{}': it fails if a row references a missing {} row",
                          k.name, table, Qualified(k.ref_table.schema, k.ref_table.name)))
              .hint = "delete or fix the orphaned rows before the change";
          break;
        case Kind::Exclusion: break;
      }
    }
    if (cost_.scans)
      Lock(Add(RuleId::ConstraintValidationLock, s, c.src,
               fmt::format("constraint '{}' is added to table '{}' {}", k.name, table, Locking())),
           k.kind == Kind::Check || k.kind == Kind::ForeignKey
               ? "with --online it is added NOT VALID and validated in a separate step"
               : "with --online its unique index is built concurrently first");
  }
  void Visit(const diff::DropConstraint& op, const diff::Change& c) {
    using Kind = catalog::Constraint::Kind;
    if (!c.reason.empty()) return;  // dropped to be added again
    Subject s{op.schema, op.table, op.constraint.name};
    std::string table = Qualified(op.schema, op.table);
    switch (op.constraint.kind) {
      case Kind::ForeignKey:
        Removal(RuleId::DropForeignKey, s, c,
                fmt::format("foreign key '{}' of table '{}' is dropped: rows may reference missing rows from now on",
                            op.constraint.name, table));
        break;
      case Kind::Check:
        Removal(RuleId::DropCheck, s, c,
                fmt::format("check '{}' of table '{}' is dropped: rows it rejected are accepted from now on",
                            op.constraint.name, table));
        break;
      case Kind::PrimaryKey:
        Removal(RuleId::DropPrimaryKey, s, c,
                fmt::format("primary key '{}' of table '{}' is dropped: duplicate keys are accepted, and replication "
                            "and foreign keys that rely on it break",
                            op.constraint.name, table));
        break;
      case Kind::Unique:
      case Kind::Exclusion: break;
    }
  }
  void Visit(const diff::CreateIndex& op, const diff::Change& c) {
    Subject s{op.schema, op.table, op.index.name};
    Names(s, c.src);
    if (IsNew(op.schema, op.table)) return;
    if (op.index.unique && c.reason.empty() && !Remade(op.schema, op.table, op.index.name))
      Add(RuleId::AddUnique, s, c.src,
          fmt::format("unique index '{}' is built on table '{}': it fails if existing rows hold duplicates",
                      op.index.name, Qualified(op.schema, op.table)))
          .hint = "find and fix duplicates before the change";
    if (cost_.blocks != target::Cost::Blocks::Nothing)
      Lock(Add(RuleId::IndexNotConcurrent, s, c.src,
               fmt::format("index '{}' is built on table '{}' {}", op.index.name, Qualified(op.schema, op.table),
                           Locking())),
           "plan with --online to build it concurrently");
  }
  void Visit(const diff::DropIndex& op, const diff::Change& c) {
    if (cost_.blocks == target::Cost::Blocks::Nothing) return;
    Lock(Removal(RuleId::DropIndexNotConcurrent, {op.schema, op.table, op.index.name}, c,
                 fmt::format("index '{}' of table '{}' is dropped {}", op.index.name, Qualified(op.schema, op.table),
                             Locking())),
         "plan with --online to drop it concurrently");
  }
  void Visit(const diff::RebuildTable& op, const diff::Change& c) {
    Subject s{op.schema, op.to.name, ""};
    Rewrite(s, c);
    Add(RuleId::TableRebuild, s, c.src,
        fmt::format("table '{}' is created anew and every row copied into it{}", Qualified(op.schema, op.to.name),
                    c.reason.empty() ? "" : ": " + c.reason))
        .hint = cost_.hint.empty()
                    ? "the copy takes as long as the table is large; writes made during it are lost unless loading is paused"
                    : cost_.hint;
    for (const auto& k : op.to.constraints) Unenforced({op.schema, op.to.name, k.name}, k, k.src.valid() ? k.src : c.src);
    RebuiltColumns(op, c);
  }

  /// The column changes a rebuild makes, judged as if each were made on
  /// its own: a column left out of the copy loses its data, a narrowing
  /// cast can fail, a new not null column without a default fails the copy.
  void RebuiltColumns(const diff::RebuildTable& op, const diff::Change& c) {
    const std::string table = Qualified(op.schema, op.to.name);
    std::set<std::string> kept;
    for (const auto& col : op.to.columns) {
      Subject s{op.schema, op.to.name, col.name};
      source::SourceRange at = col.src.valid() ? col.src : c.src;
      const catalog::Column* old = op.from.FindColumn(col.name);
      if (!old && col.renamed_from) old = op.from.FindColumn(*col.renamed_from);
      std::string column = fmt::format("column '{}' of table '{}'", col.name, table);
      if (!old) {
        Lossy(s, col, at);
        if (col.not_null && !col.default_expr && col.identity.empty() && !col.generated)
          Add(RuleId::AddRequiredColumn, s, at,
              fmt::format("{} is new and not null without a default: the rebuild's copy fails if the table has rows",
                          column))
              .hint = "give the column a default, or add it as null and fill it first";
        continue;
      }
      kept.insert(old->name);
      if (old->name != col.name)
        Add(RuleId::RenameColumn, s, at,
            fmt::format("column '{}' of table '{}' is renamed to '{}': queries that use the old name fail", old->name,
                        table, col.name))
            .hint = "add the new column, write both, move the readers, then drop the old one";
      if (old->type != col.type) {
        Lossy(s, col, at);
        if (backend_.Narrows(old->type, col.type))
          Add(RuleId::NarrowingType, s, at,
              fmt::format("{} changes type from {} to {}: values that do not fit make the rebuild's copy fail", column,
                          old->type, col.type))
              .hint = "add a new column of the new type, copy the values that fit, then drop the old one";
      }
      if (col.not_null && !old->not_null && !col.default_expr)
        Add(RuleId::SetNotNull, s, at, fmt::format("{} becomes not null: the rebuild's copy fails if a row holds null", column))
            .hint = "fill the nulls first (an UPDATE in an earlier release)";
      if (old->default_expr && !col.default_expr && col.not_null)
        Add(RuleId::DropDefault, s, at,
            fmt::format("{} loses its default {} and is not null: inserts that leave it out fail", column,
                        *old->default_expr))
            .hint = "keep the default until every writer sets the column";
    }
    for (const auto& col : op.from.columns)
      if (!kept.count(col.name))
        Removal(RuleId::DropColumn, {op.schema, op.to.name, col.name}, c,
                fmt::format("column '{}' is dropped from table '{}' with its data (the table is rebuilt without it)",
                            col.name, table));
  }
  void Visit(const diff::CreateSchema& op, const diff::Change& c) { Names({op.schema, "", ""}, c.src); }
  void Visit(const diff::CreateTable& op, const diff::Change& c) {
    Names({op.schema, op.table.name, ""}, c.src);
    for (const auto& col : op.table.columns) {
      Names({op.schema, op.table.name, col.name}, col.src.valid() ? col.src : c.src);
      Lossy({op.schema, op.table.name, col.name}, col, col.src.valid() ? col.src : c.src);
    }
    for (const auto& k : op.table.constraints) {
      Names({op.schema, op.table.name, k.name}, k.src.valid() ? k.src : c.src);
      Unenforced({op.schema, op.table.name, k.name}, k, k.src.valid() ? k.src : c.src);
    }
  }
  void Visit(const diff::CreateEnum& op, const diff::Change& c) { Names({op.schema, op.enum_type.name, ""}, c.src); }
  void Visit(const diff::CreateSequence& op, const diff::Change& c) { Names({op.schema, op.sequence.name, ""}, c.src); }
  void Visit(const diff::RenameIndex& op, const diff::Change& c) { Names({op.schema, op.to, ""}, c.src); }
  void Visit(const diff::RenameConstraint& op, const diff::Change& c) { Names({op.schema, op.table, op.to}, c.src); }
  void Visit(const diff::RenameEnum& op, const diff::Change& c) { Names({op.schema, op.to, ""}, c.src); }
  // Changes no rule looks at.
  void Visit(const diff::DropEnum&, const diff::Change&) {}
  void Visit(const diff::AddEnumValue&, const diff::Change&) {}
  void Visit(const diff::CreateCollation&, const diff::Change&) {}
  void Visit(const diff::DropCollation&, const diff::Change&) {}
  void Visit(const diff::DropSequence&, const diff::Change&) {}
  void Visit(const diff::AlterSequence&, const diff::Change&) {}
  void Visit(const diff::AlterTable& op, const diff::Change& c) {
    for (const auto& [column, message] : cost_.incompatible) {
      const catalog::Column* col = column.empty() ? nullptr : op.to.FindColumn(column);
      if (!col) col = column.empty() ? nullptr : op.from.FindColumn(column);
      source::SourceRange at = col && col->src.valid() ? col->src : c.src;
      Add(RuleId::IncompatibleSchema, {op.schema, op.to.name, column}, at,
          fmt::format("table '{}': {}", Qualified(op.schema, op.to.name), message))
          .hint = "make the change compatible (a new field nullable, or with a default), or change the subject's "
                  "compatibility mode on purpose";
    }
  }
  void Visit(const diff::AttachPartition& op, const diff::Change& c) {
    // Moving a partition: detached, then attached to its new bound, which
    // reads every row under the lock (and fails on one outside the bound).
    if (!cost_.scans) return;
    Lock(Add(RuleId::ConstraintValidationLock, {op.schema, op.table, ""}, c.src,
             fmt::format("partition '{}' is attached to '{}' {}; a row outside the new bound makes it fail",
                         Qualified(op.schema, op.table), Qualified(op.parent.schema, op.parent.name), Locking())),
         "");
  }
  void Visit(const diff::AlterConstraint&, const diff::Change&) {}
  void Visit(const diff::SetComment&, const diff::Change&) {}
  void Visit(const diff::CreatePipe&, const diff::Change&) {}
  void Visit(const diff::DropPipe&, const diff::Change&) {}
  void Visit(const diff::PausePipe&, const diff::Change&) {}
  void Visit(const diff::ReplacePipe& op, const diff::Change& c) {
    Add(RuleId::PipeRecreated, {op.schema, op.to.name, ""}, c.src,
        fmt::format("pipe '{}' is paused, drained and {}{}", Qualified(op.schema, op.to.name),
                    op.from.SameDefinition(op.to) ? "resumed" : "made again",
                    c.reason.empty() ? ": its definition changed" : ": " + c.reason));
  }

  // ---- shared by the rules ----

  /// A table created earlier in this same plan: nothing reads it yet, so no
  /// lock or existing-row rule applies.
  auto IsNew(const std::string& schema, const std::string& table) const -> bool {
    return created_.contains(Qualified(schema, table));
  }

  auto Remade(const std::string& schema, const std::string& table, const std::string& name) const -> bool {
    return remade_.contains(Qualified(schema, table) + "." + name);
  }

  static auto SameColumns(const catalog::Table& a, const catalog::Table& b) -> bool {
    if (a.columns.size() != b.columns.size() || a.columns.empty()) return false;
    for (size_t i = 0; i < a.columns.size(); ++i)
      if (a.columns[i].name != b.columns[i].name || a.columns[i].type != b.columns[i].type) return false;
    return true;
  }

  /// How the change holds its lock, for a lock rule's message: "under the
  /// SHARE lock: why", or, made online, how it avoids that.
  auto Locking() const -> std::string {
    return cost_.online ? cost_.why : fmt::format("under the {} lock: {}", cost_.lock, cost_.why);
  }

  /// A lock finding: a note when the change is made online (the plan avoids
  /// the lock; no project severity raises it again), else with `hint`.
  void Lock(Finding& f, const char* hint) {
    if (cost_.online) {
      f.severity = Severity::Note;
      f.online = true;
    } else {
      f.hint = cost_.hint.empty() ? hint : cost_.hint;
    }
  }

  /// LK103: the change rewrites an existing table.
  void Rewrite(const Subject& s, const diff::Change& c) {
    // A lock rule: a target that rewrites without holding a lock (a rebuild
    // into a new table) has RB101 for it instead.
    if (!cost_.rewrites || cost_.online || cost_.blocks == target::Cost::Blocks::Nothing || IsNew(s.schema, s.relation))
      return;
    Add(RuleId::TableRewrite, s, c.src,
        fmt::format("table '{}' is rewritten under the {} lock: {}", Qualified(s.schema, s.relation), cost_.lock,
                    cost_.why))
        .hint = "on a large table, add a new column and backfill it in batches instead";
  }

  /// TY102: a constraint the target records but does not check.
  void Unenforced(const Subject& s, const catalog::Constraint& k, source::SourceRange at) {
    if (backend_.Enforces(k)) return;
    Add(RuleId::UnenforcedConstraint, s, at,
        fmt::format("{} accepts constraint '{}' of table '{}' but does not enforce it", backend_.Name(), k.name,
                    Qualified(s.schema, s.relation)))
        .hint = "check the rule where the rows are written (the load, a test query) if it must hold";
  }

  /// TY101: a column whose type the target holds only approximately.
  void Lossy(const Subject& s, const catalog::Column& col, source::SourceRange at) {
    if (col.lossy)
      Add(RuleId::LossyTypeMapping, s, at,
          fmt::format("column '{}' of table '{}': {}", col.name, Qualified(s.schema, s.relation), *col.lossy));
  }

  /// NM101: a name the target would not keep as written.
  void Names(const Subject& s, source::SourceRange at) {
    size_t limit = backend_.IdentifierLimit();
    if (limit == 0) return;
    for (const std::string* n : {&s.schema, &s.relation, &s.part})
      if (n->size() > limit && reported_names_.insert(*n).second)
        Add(RuleId::IdentifierTooLong, s, at,
            fmt::format("name '{}' is {} bytes long; {} keeps only {}", *n, n->size(), backend_.Name(), limit))
            .hint = "choose a shorter name";
  }

  /// A finding about something removed: it points at the object's line in
  /// the old revision when that is known, else at the change's.
  auto Removal(RuleId rule, const Subject& s, const diff::Change& c, std::string message) -> Finding& {
    source::SourceRange at = origins_ ? origins_->Find(s) : source::SourceRange{};
    Finding& f = Add(rule, s, at.valid() ? at : c.src, std::move(message));
    f.here = c.src;
    return f;
  }

  auto Add(RuleId rule, Subject s, source::SourceRange at, std::string message) -> Finding& {
    Finding f{.rule = rule, .severity = GetRule(rule).severity, .message = std::move(message), .hint = {},
              .range = at, .here = at, .change = index_, .subject = std::move(s), .allowed = false, .reason = {},
              .allowed_at = {}, .online = false};
    findings_.push_back(std::move(f));
    return findings_.back();
  }

  const plan::Plan& plan_;
  const catalog::Catalog &from_, &to_;
  const target::Backend& backend_;
  const Origins* origins_;
  llvm::StringSet<> created_;         // "schema.table" of tables this plan creates
  llvm::StringSet<> remade_;          // "schema.table.name" of keys and indexes dropped to be made again
  llvm::StringSet<> reported_names_;  // long names already reported
  size_t index_ = 0;
  target::Cost cost_;
  std::vector<Finding> findings_;
};

/// Whether name `n` (as written in source) names `object` (as the catalog
/// spells it): plain names compare case-insensitively, quoted ones exactly.
auto Names(const model::Name& n, const std::string& object) -> bool {
  return n.quoted ? n.text == object : llvm::StringRef(n.text).equals_insensitive(object);
}

auto SchemaMatches(const std::optional<model::Name>& schema, const std::string& object,
                   const target::Backend& backend) -> bool {
  return schema ? Names(*schema, object) : backend.IsBuiltinSchema(object);
}

/// Whether an `allow` in source covers finding `f`: its rule, its scope
/// (the file, schema, table or column it stands in) and its `on` name.
auto Covers(const model::Allow& a, const Finding& f, const target::Backend& backend) -> bool {
  const Rule* rule = FindRule(a.rule);
  if (!rule || rule->id != f.rule) return false;
  const Subject& s = f.subject;
  using Scope = model::Allow::Scope;
  switch (a.scope) {
    case Scope::Column:
      return SchemaMatches(a.schema, s.schema, backend) && a.table && Names(*a.table, s.relation) && a.column &&
             Names(*a.column, s.part);
    case Scope::Table:
      if (!SchemaMatches(a.schema, s.schema, backend) || !a.table || !Names(*a.table, s.relation)) return false;
      return !a.on || Names(*a.on, s.part);
    case Scope::Schema:
      // `on NAME`: an object of the schema; `on T.NAME`: a part of its table T.
      if (!SchemaMatches(a.schema, s.schema, backend)) return false;
      if (!a.on) return true;
      if (a.on_qualifier) return Names(*a.on_qualifier, s.relation) && Names(*a.on, s.part);
      return Names(*a.on, s.relation) || (s.relation.empty() && Names(*a.on, s.schema));
    case Scope::File:
      // Without `on`: what this file declares. `on NAME`: a schema, or a
      // relation of any schema; `on S.NAME`: relation NAME of schema S.
      if (!a.on) return (f.range.valid() && f.range.file == a.file) || (f.here.valid() && f.here.file == a.file);
      if (a.on_qualifier) return Names(*a.on_qualifier, s.schema) && Names(*a.on, s.relation);
      return s.relation.empty() ? Names(*a.on, s.schema) : Names(*a.on, s.relation);
  }
  return false;
}

}  // namespace

auto Lint(const plan::Plan& plan, const catalog::Catalog& from, const catalog::Catalog& to,
          const target::Backend& backend, const Options& options, diag::Engine& diags) -> std::vector<Finding> {
  std::vector<Finding> findings = Linter(plan, from, to, backend, options.origins).Run();
  if (options.severities)
    for (const auto& o : *options.severities) {
      const Rule* rule = FindRule(o.rule);
      auto severity = ParseSeverity(o.severity);
      if (!rule || !severity) continue;  // the checker has reported it
      for (auto& f : findings)
        if (f.rule == rule->id && !f.online) f.severity = *severity;
    }
  if (options.allows)
    for (const auto& a : *options.allows) {
      bool used = false;
      for (auto& f : findings)
        if (Covers(a, f, backend)) {
          used = true;
          if (f.allowed) continue;
          f.allowed = true;
          f.reason = a.reason.value_or("");
          f.allowed_at = a.range;
        }
      if (!used)
        diags.Emit(diag::Kind::UnusedAllow, a.range,
                   fmt::format("'allow {}{}' matches no finding of this plan", a.rule, a.on ? " on " + a.on->text : ""))
            .hint = "remove it once the change it acknowledged has been applied";
    }
  for (const Rule* rule : options.allow) {
    bool used = false;
    for (auto& f : findings)
      if (f.rule == rule->id) {
        used = true;
        if (!f.allowed) f.allowed = true;
      }
    if (!used)
      diags.Emit(diag::Kind::UnusedAllow, {}, fmt::format("--allow {} matches no finding of this plan", rule->code));
  }
  return findings;
}

auto Blocking(const std::vector<Finding>& findings) -> std::vector<const Finding*> {
  std::vector<const Finding*> out;
  for (const auto& f : findings)
    if (f.severity == Severity::Error && !f.allowed) out.push_back(&f);
  return out;
}

}  // namespace schemac::lint
