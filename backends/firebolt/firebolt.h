// The Firebolt backend's internal interface: quoting, types, expressions,
// lowering, emission and catalog import. The public face is
// target::FindBackend("firebolt"); docs/backends/firebolt.md describes what
// it does and why.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "compiler/diag/diag.h"
#include "compiler/model/model.h"
#include "compiler/plan/plan.h"
#include "compiler/target/target.h"

namespace schemac::backends::firebolt {

/// The one namespace a Firebolt database has for tables and views.
inline constexpr const char* kSchema = "public";
/// The suffixes of the tables a rebuild goes through.
inline constexpr const char* kNewSuffix = "__new";
inline constexpr const char* kOldSuffix = "__old";

/// An identifier, bare when it is lower case, starts with a letter or `_`
/// and is not a keyword; otherwise in double quotes ("" doubles a quote).
auto QuoteIdent(std::string_view name) -> std::string;
/// A table or view: its bare name in `public`, schema.name elsewhere.
auto QuoteTable(std::string_view schema, std::string_view name) -> std::string;
auto QuoteLiteral(std::string_view text) -> std::string;

/// A plain name folds to lower case; a quoted one is exact.
auto Fold(const model::Name& n) -> std::string;

/// Firebolt's spelling of a portable type ("INTEGER", "NUMERIC(10,2)",
/// "ARRAY(TEXT)"), or "" with `error` set. `lossy` gets why the mapping
/// loses something, when it does.
auto TypeName(const model::Type& t, std::string& error, std::string& lossy) -> std::string;

/// A type as information_schema.columns.data_type reports it, in the
/// spelling TypeName produces ("int" -> "INTEGER", "numeric(10, 2)" ->
/// "NUMERIC(10,2)", "array(int null)" -> "ARRAY(INTEGER)").
auto CanonicalType(std::string_view reported) -> std::string;

/// An expression as Firebolt SQL: names folded and quoted, casts as
/// CAST(x AS T), now() as CURRENT_TIMESTAMP.
auto RenderExpr(const model::Expr& e) -> std::string;

/// Expression text compared by meaning: white space and case outside
/// literals normalised, NOW() and CURRENT_TIMESTAMP the same, outer
/// parentheses and a trailing `;` dropped.
auto NormalizeExpr(std::string_view sql) -> std::string;

/// The identifiers of an expression (folded), not function names.
auto ExpressionNames(std::string_view sql) -> std::vector<std::string>;
/// `sql` with identifier `from` replaced by `to`.
auto RenameIdentifier(std::string_view sql, const std::string& from, const std::string& to) -> std::string;

auto Lower(const model::Realm& realm, diag::Engine& diags) -> std::optional<catalog::Catalog>;

auto Emit(const plan::Plan& plan, diag::Engine& diags) -> std::optional<target::Script>;
auto Render(const plan::Plan& plan, const target::Script& script) -> std::string;

/// The statements of a rebuild of `from` into `to` (docs/backends/firebolt.md):
/// (sql, rerunnable) pairs. A column of `to` that the rebuild renames names
/// its old name (`from`'s) in renamed_from.
auto RebuildStatements(const std::string& schema, const catalog::Table& from, const catalog::Table& to)
    -> std::vector<std::pair<std::string, bool>>;
/// CREATE [FACT|DIMENSION] TABLE [IF NOT EXISTS] name (...) [PRIMARY INDEX ...] [PARTITION BY ...];
auto CreateTableSql(const std::string& schema, const std::string& name, const catalog::Table& t) -> std::string;

/// A catalog from the output of the documented information_schema queries.
auto ImportCatalog(const std::string& text, std::string& error) -> std::optional<catalog::Catalog>;

}  // namespace schemac::backends::firebolt
