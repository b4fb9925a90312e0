// SQL expressions and view bodies of Postgres, read with Postgres's own
// parser (libpg_query): what an expression means, the columns it reads,
// renaming a column inside it, and what a view reads. Everything here works
// offline; text that does not parse falls back to comparing normalised text.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/catalog/catalog.h"

namespace schemac::backends::postgres {

/// The meaning of one SQL expression (a default, a check, an index key or
/// predicate, a generated column) as a canonical parse tree, or nullopt if
/// the text is not exactly one expression. Two expressions with the same key
/// mean the same: locations, parentheses, keyword case, `pg_catalog.` and
/// `public.` on functions and types are ignored; casts of literals
/// (`'a'::character varying`, `'-1'::integer`), implicit-looking casts of a
/// column (`(s)::text`, `(qty)::numeric`), `IN (...)` / `= ANY (ARRAY[...])`,
/// `BETWEEN` / two comparisons and `LIKE` / `~~` are unified. Different
/// functions stay different (`now()` is not `CURRENT_TIMESTAMP`).
auto ExpressionKey(std::string_view sql) -> std::optional<std::string>;

/// Why `sql` is not one expression ("" when it is).
auto ExpressionError(std::string_view sql) -> std::string;

/// Why `sql` is not one SELECT statement, as a view body must be ("" when it is).
auto QueryError(std::string_view sql) -> std::string;

/// Same meaning: equal keys when both parse, equal normalised text otherwise.
auto SameExpressionText(std::string_view a, std::string_view b) -> bool;

/// The columns an expression reads (the last name of each column reference,
/// in order of appearance, once each) and the relations its subqueries read.
auto ExpressionColumns(std::string_view sql) -> std::vector<std::string>;

/// The functions an expression calls (the last part of each name, lower
/// case, once each), or nullopt when it is not one expression.
auto ExpressionFunctions(std::string_view sql) -> std::optional<std::vector<std::string>>;

/// Whether a query selects every column of a relation (`*` or `t.*`; not
/// `count(*)`), which fixes the columns of a view over it when it is created.
auto SelectsStar(std::string_view sql) -> bool;

/// `sql` with every reference to column `from` renamed to `to`; the rest of
/// the text is kept as written.
auto RenameColumnIn(std::string_view sql, const std::string& from, const std::string& to) -> std::string;

/// What a view body reads and means, resolved against the catalog it lives in.
struct ViewAnalysis {
  bool parsed = false;  // false: the body did not parse; `key` is normalised text
  std::string key;      // equal keys: the same view
  /// Per relation read (tables and views, schema-qualified): the columns
  /// read, sorted; `*` expands to every column of the relation.
  std::vector<std::pair<catalog::ObjectName, std::vector<std::string>>> reads;
  std::vector<std::string> columns;  // the view's own output columns, in order
};

/// Analyses the views of one catalog (unqualified relations resolve in the
/// view's schema first, then in public, as when it is created). Each view is
/// analysed once and what it yields (its columns) is reused by the views
/// over it, so analysing every view of a catalog is linear, also for a long
/// chain of views over views.
class ViewAnalyzer {
 public:
  explicit ViewAnalyzer(const catalog::Catalog& c) : catalog_(c) {}
  auto Analyze(const catalog::ObjectName& view) -> const ViewAnalysis&;

 private:
  const catalog::Catalog& catalog_;
  std::map<catalog::ObjectName, std::vector<std::string>> columns_;
  std::set<catalog::ObjectName> busy_;
  std::map<catalog::ObjectName, ViewAnalysis> done_;
};

/// One view of `c`, analysed on its own (see ViewAnalyzer to analyse many).
auto AnalyzeView(const catalog::Catalog& c, const catalog::ObjectName& view) -> ViewAnalysis;

}  // namespace schemac::backends::postgres
