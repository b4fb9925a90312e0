// The checker's shared state and the members of every pass, declared once
// and defined in the files by concern: check.cpp (the passes in order),
// names.cpp, objects.cpp, tables.cpp, literals.cpp, views.cpp, targets.cpp
// and allows.cpp. Internal to compiler/check: the public entry point is check.h.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/check/check.h"
#include "compiler/diag/diag.h"
#include "compiler/lint/rules.h"
#include "compiler/model/model.h"
#include "compiler/syntax/ast.h"
#include "compiler/target/dialect.h"

namespace schemac::check {

using diag::Kind;
using model::Name;
using model::IsNiladicFunction;

/// The model's name for a name as written.
auto FromAst(const ast::Name& n) -> Name;

/// `sql('...')`: an expression in the target's own SQL, taken as written.
auto IsRawSql(const ast::Expr& e) -> bool;

/// The model's option for a checked target-block or pipe item; nullopt for
/// `type`, which pins a column's type (model::Column::type_for_target) and
/// no target accepts anywhere else.
auto BuildTargetOption(const ast::TargetItem& item) -> std::optional<model::TargetOption>;

/// The model's options for a checked block's items, appended to `out`.
void AddTargetOptions(const std::vector<ast::TargetItem>& items, std::vector<model::TargetOption>& out);

/// `s` in lower case (ASCII).
auto Lower(std::string s) -> std::string;

struct ObjectInfo {
  std::string what;  // table, view, enum, pipe
  std::string text;  // the name as written
  source::SourceRange range;
  size_t index;      // into the model schema's vector of that kind
};

struct SchemaInfo {
  size_t index;  // into realm.schemas
  std::map<std::string, ObjectInfo> objects;
};

struct PendingTable {
  const ast::Table* ast;
  size_t schema;  // index into realm.schemas
  size_t table;
};

struct PendingSequence {
  const ast::Sequence* ast;
  size_t schema, sequence;
};

struct PendingView {
  const ast::View* ast;
  size_t schema;
  size_t view;
};

struct PendingFk {
  size_t schema, table, constraint;
  source::SourceRange ref_range;
  std::vector<source::SourceRange> ref_column_ranges;
  bool from_column = false;
  source::SourceRange references_range;
};

class Checker {
 public:
  /// `dialect`: the target the model is checked for (its namespace,
  /// literal, sequence, collation and index rules).
  Checker(diag::Engine& d, const target::Dialect& dialect) : diags_(d), dialect_(dialect) {}

  auto Run(const ast::Unit& unit) -> std::optional<model::Realm>;

  /// The key of a schema as a namespace: the target's default namespace
  /// and no schema are one.
  auto SchemaKey(const std::optional<Name>& n) const -> std::string;

  /// How a schema key is shown in a diagnostic.
  auto SchemaDisplay(const std::string& key) const -> std::string;

 private:
  /// Where a target block is written: top level, in a table, on a column.
  enum class Level { Top, Table, Column };

  // ---- namespaces, declarations, duplicate names, lookups, renames (names.cpp) ----

  auto SchemaFor(const std::optional<ast::Name>& name, source::SourceRange range) -> size_t;

  auto InfoOf(size_t schema_index) -> SchemaInfo&;

  /// Registers an object name; false (with a diagnostic) if it is taken.
  auto Register(size_t schema, const ast::QName& q, const std::string& what, size_t index) -> bool;

  /// A name may not be empty (`""`, or a template's interpolation).
  void CheckNotEmpty(const ast::Name& n);
  /// Records and ranges are template values: no SQL expression holds one.
  void CheckNoTemplateValues(const ast::Expr& e);

  /// The schema an object belongs to: its own qualifier, else the enclosing block.
  auto ObjectSchema(const ast::QName& q, const std::optional<ast::Name>& block, source::SourceRange range) -> size_t;

  void Declare(const std::vector<ast::Decl>& decls, const std::optional<ast::Name>& block, bool nested);

  auto FindEnum(const ast::TypeRef& ref, size_t schema) -> std::optional<model::Type>;

  auto EnumOf(const model::Type& t) -> const model::Enum*;

  /// Takes `name` in the schema's namespace of relations, or says who has it.
  void ClaimRelationName(size_t schema, source::SourceRange range, const std::string& name, const std::string& what);

  /// Finds a table by reference from schema `from`.
  auto FindTable(const model::TableRef& ref, size_t from) -> std::pair<size_t, const model::Table*>;

  auto RelationNames() -> std::vector<std::string>;

  void CheckRenames(const PendingTable& p);

  /// Two tables, enums or columns renamed from one old name: the old object
  /// can become only one of them.
  void CheckRenamedTwice();

  auto FindRelation(const model::TableRef& ref, size_t from) -> std::pair<size_t, const Name*>;

  // ---- enums, collations, sequences (objects.cpp) ----

  auto BuildEnum(const ast::Enum& e) -> model::Enum;

  /// `provider P` (one the default dialect names; libc when not given),
  /// `locale`, `lc_collate`, `lc_ctype` (strings), `deterministic
  /// true|false`; each once; and the dialect's rules on them together (on
  /// Postgres: ICU needs a locale, libc a locale or both lc_collate and
  /// lc_ctype, only ICU can be nondeterministic).
  auto BuildCollation(const ast::Collation& k) -> model::Collation;

  /// `as smallint|integer|bigint` (bigint when not given), and the options
  /// checked as identity options are, for that type.
  auto BuildSequence(const ast::Sequence& q) -> model::Sequence;

  /// `owned by [schema.]table.column`: a declared table and one of its columns.
  void ResolveSequenceOwner(const PendingSequence& p);

  // ---- types, columns, constraints, foreign keys, indexes, identity (tables.cpp) ----

  auto ResolveType(const ast::TypeRef& ref, size_t schema, bool& ok) -> model::Type;

  void BuildTable(const PendingTable& p);

  /// An extern table declares what references need: columns (name, type,
  /// null-ness) and key or unique constraints. Anything else would be
  /// something to manage, and the table is managed elsewhere.
  void CheckExternItems(const ast::Table& t);

  auto Table(const PendingTable& p) -> model::Table&;

  auto BuildColumn(const ast::Column& c, const PendingTable& p) -> model::Column;

  /// `identity (start 100 increment 10 ...)`: known names, integer values
  /// that fit the column's type, increment not 0, cache at least 1, and
  /// minvalue below maxvalue with start between them, where the default
  /// dialect fills in the bounds not given.
  auto IdentityOptions(const std::vector<ast::IdentityOption>& given, const model::Type& type) -> std::map<std::string, int64_t>;

  void BuildConstraint(const ast::Constraint& k, const PendingTable& p,
                       const std::function<bool(source::SourceRange)>& note_pk);

  void AddForeignKey(const PendingTable& p, std::vector<Name> columns, std::vector<source::SourceRange> col_ranges,
                     const ast::References& r, std::optional<Name> name, source::SourceRange range, bool from_column);

  void ResolveForeignKey(const PendingFk& fk);

  static auto TypesCompatible(const model::Type& a, const model::Type& b) -> bool;

  /// `p`: the table whose columns the index names; none for a materialized
  /// view, whose columns come from SQL the checker does not read.
  auto BuildIndex(const ast::Index& ix, const PendingTable* p) -> model::Index;

  void CheckColumnExists(const ast::Name& n, const PendingTable& p);

  void CheckExprColumns(const ast::Expr& e, const PendingTable& p);

  // ---- literal defaults (literals.cpp) ----

  /// Rejects literal defaults that cannot be stored in the column's type.
  void CheckDefault(const ast::Expr& e, const model::Column& col);

  static auto CodePoints(const std::string& s) -> size_t;

  // ---- views, union all, names in SQL bodies (views.cpp) ----

  void BuildView(const PendingView& p);

  /// `union all (a, b)`: select * from each, in the order written.
  static auto UnionBody(const std::vector<model::TableRef>& members, const ast::View& v) -> std::string;

  static auto QuoteForBody(const Name& n) -> std::string;

  /// Names in a SQL body that could refer to relations: identifiers and
  /// `a.b` pairs outside strings and comments.
  static auto ReferencedNames(const std::string& sql) -> std::vector<model::TableRef>;

  // ---- target blocks, pipes, partitions (targets.cpp) ----

  void CheckTargetBlock(const ast::TargetBlock& b, Level level, const PendingTable* p = nullptr);

  void CheckPipe(const ast::Pipe& p);

  /// A pipe loads into a declared table (of its own schema, or qualified).
  void ResolvePipe(const ast::Pipe& p);

  /// The `partition of` item of a table's block for a target that has
  /// partitions, and that target's dialect, if the table is a partition.
  static auto PartitionOf(const PendingTable& p) -> std::pair<const target::Dialect*, const ast::TargetItem*>;

  /// The `partition of` item, if the table is a partition.
  static auto PartitionParent(const PendingTable& p) -> const ast::TargetItem*;

  /// A partition names a partitioned table, with a bound of the parent's
  /// strategy, and declares no columns, keys or indexes: the target gives it
  /// the parent's.
  void ResolvePartition(const PendingTable& p);

  /// The `partition of` option of a table's model, for a target.
  static auto FindModelPartitionOf(model::Table& t, const std::string& target) -> model::TargetOption*;

  static auto KindWord(ast::TargetItem::Kind k) -> std::string;

  // ---- allow clauses and lint blocks (allows.cpp) ----

  /// Every `allow` of the unit into realm_.allows, in source order (file by
  /// file; a table's, mixins' included, where its items stand), and every
  /// `lint` block into realm_.severities.
  void CheckLint(const ast::Unit& unit);

  /// `schema`: the schema block `decls` stand in (none: the top of a file).
  void LintIn(const std::vector<ast::Decl>& decls, const std::optional<size_t>& schema);

  /// The index of a declared schema (none: the default namespace).
  auto SchemaIndex(const std::optional<Name>& name) const -> std::optional<size_t>;

  /// The rule a code or slug names, or null (reported, with a did-you-mean).
  auto KnownRule(const std::string& rule, source::SourceRange at) -> const lint::Rule*;

  /// The model's allow, its scope's names not filled in; none if its rule is unknown.
  auto NewAllow(const ast::Allow& a, model::Allow::Scope scope) -> std::optional<model::Allow>;

  void SchemaAllow(const ast::Allow& a, size_t schema);

  /// The allows of a table's items and of its columns' attributes.
  void TableAllows(const ast::Table& t, size_t schema);

  void ColumnAllow(const ast::Allow& a, size_t schema, const Name& table, const Name& column);

  /// `severity RULE LEVEL`: known rules, levels, one level per rule.
  void AddSeverities(const ast::LintBlock& b);

  /// The level of a severity item, lower-cased; none (reported) if it is missing or no level.
  auto SeverityLevel(const ast::SeverityItem& item) -> std::optional<std::string>;

  diag::Engine& diags_;
  /// The target whose namespace, literal, sequence, collation and index
  /// rules the portable model is checked by (blocks use their own target's):
  /// the target being compiled for.
  const target::Dialect& dialect_;
  model::Realm realm_;
  std::map<std::string, SchemaInfo> schemas_;
  std::vector<PendingTable> pending_tables_;
  std::vector<PendingSequence> pending_sequences_;
  std::map<std::pair<size_t, std::string>, source::SourceRange> collation_names_;
  std::vector<PendingView> pending_views_;
  std::vector<PendingFk> pending_fks_;
  std::vector<const ast::Pipe*> pending_pipes_;
  std::map<size_t, std::map<std::string, std::pair<source::SourceRange, std::string>>> relation_names_;
  /// lint::RuleId (as a number) -> its override in realm_.severities.
  std::map<size_t, size_t> severity_of_;
};

}  // namespace schemac::check
