// The Snowflake backend's internal interface: quoting, types, expressions,
// lowering, emission and reading Snowflake's own catalog. The public face is
// target::FindBackend("snowflake"); docs/backends/snowflake.md says what each
// change becomes and why.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "compiler/diag/diag.h"
#include "compiler/model/model.h"
#include "compiler/plan/plan.h"
#include "compiler/target/target.h"

namespace schemac::backends::snowflake {

inline constexpr size_t kMaxIdentifierBytes = 255;
/// The namespace of unqualified names, as the catalog stores it.
inline constexpr const char* kDefaultSchema = "PUBLIC";
/// What Snowflake's catalog reports for VARCHAR, STRING and TEXT without a length.
inline constexpr const char* kVarcharMax = "VARCHAR(16777216)";
/// What it reports for BINARY without a length.
inline constexpr const char* kBinaryMax = "BINARY(8388608)";
/// Every integer type (INT, BIGINT, SMALLINT, ...) is NUMBER(38,0) in Snowflake's catalog.
inline constexpr const char* kInteger = "NUMBER(38,0)";
/// The suffix of the table a rebuild fills before it swaps the names.
inline constexpr const char* kRebuildSuffix = "__SCHEMAC_NEW";

/// An identifier as Snowflake needs it written: bare when it is what an
/// unquoted name folds to (upper case letters, digits, _ and $, not starting
/// with a digit or $) and not a reserved word; otherwise in double quotes.
auto QuoteIdent(std::string_view name) -> std::string;
/// schema.name, each part quoted as needed.
auto QuoteQualified(std::string_view schema, std::string_view name) -> std::string;
/// A string literal: '' doubles a quote and \\ a backslash (Snowflake reads
/// backslash escapes in single-quoted strings).
auto QuoteLiteral(std::string_view text) -> std::string;
/// A plain name folds to upper case; a quoted one is exact.
auto Fold(const model::Name& n) -> std::string;
auto UpperAscii(std::string s) -> std::string;

/// Snowflake's spelling of a portable type, as its catalog reports it back
/// (NUMBER(38,0) for every integer, VARCHAR(16777216) for text), or "" with
/// `error` set. `lossy` gets why the type is not exactly the portable one.
auto TypeName(const model::Type& t, std::string& error, std::string& lossy) -> std::string;

/// An expression rendered as Snowflake SQL: names folded and quoted, the
/// portable functions translated (now() -> CURRENT_TIMESTAMP(), ...).
auto RenderExpr(const model::Expr& e) -> std::string;
/// Canonical text of a Snowflake expression, for comparison: white space
/// and case outside literals normalised, niladic functions with ().
auto NormalizeExpr(std::string_view sql) -> std::string;
/// The identifiers an expression mentions (folded as Snowflake folds them).
auto ExpressionNames(std::string_view sql) -> std::vector<std::string>;

/// Parsed NUMBER(p,s) / VARCHAR(n) spellings.
auto ParseNumber(const std::string& type, int& precision, int& scale) -> bool;
auto ParseVarchar(const std::string& type, long& length) -> bool;

/// The COPY statement a pipe runs, generated from its table's columns.
/// The COPY statement of `pipe` into `table`: every column but those in
/// `skip` (folded names), which the table's defaults fill.
auto CopyDefinition(const catalog::Pipe& pipe, const catalog::Table& table, const std::set<std::string>& skip = {})
    -> std::string;

auto Lower(const model::Realm& realm, diag::Engine& diags) -> std::optional<catalog::Catalog>;
auto Emit(const plan::Plan& plan, diag::Engine& diags) -> std::optional<target::Script>;
auto Render(const plan::Plan& plan, const target::Script& script) -> std::string;
/// A catalog from the JSON output of the queries in docs/backends/snowflake.md.
auto Import(const std::string& text, std::string& error) -> std::optional<catalog::Catalog>;

}  // namespace schemac::backends::snowflake
