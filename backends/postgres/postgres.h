// The Postgres backend's internal interface: quoting, expression and type
// rendering, lowering, emission. The public face is target::FindBackend("postgres").
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "compiler/catalog/catalog.h"
#include "compiler/diag/diag.h"
#include "compiler/model/model.h"
#include "compiler/plan/plan.h"
#include "compiler/target/target.h"

namespace schemac::backends::postgres {

inline constexpr size_t kMaxIdentifierBytes = 63;  // NAMEDATALEN - 1

/// An identifier as Postgres's quote_ident would write it: bare when it is
/// lower-case, starts with a letter or underscore and is not a keyword.
auto QuoteIdent(std::string_view name) -> std::string;
/// schema.name, each part quoted as needed.
auto QuoteQualified(std::string_view schema, std::string_view name) -> std::string;
/// A standard string literal ('' doubles a quote; backslashes are literal
/// under standard_conforming_strings, which has been on since 9.1).
auto QuoteLiteral(std::string_view text) -> std::string;

/// Postgres's makeObjectName: name1_name2_label cut to 63 bytes.
auto MakeObjectName(const std::string& name1, const std::string& name2, const std::string& label) -> std::string;

/// Every option of an identity column's sequence, as Postgres fills in the
/// ones not given for a column of `type` (its spelling, e.g. "integer").
struct EffectiveSequence {
  int64_t start = 1, increment = 1, min = 1, max = 0, cache = 1;
  bool cycle = false;
};
auto EffectiveIdentityOptions(const std::string& type, const catalog::IdentityOptions& o) -> EffectiveSequence;
/// The options with every value Postgres would choose by itself left out:
/// from the language's `identity (...)` (start, increment, minvalue,
/// maxvalue, cache, cycle = 0/1) or from a sequence as the server stores it.
auto CanonicalIdentityOptions(const std::string& type, const std::map<std::string, int64_t>& given)
    -> catalog::IdentityOptions;
auto CanonicalIdentityOptions(const std::string& type, const EffectiveSequence& e) -> catalog::IdentityOptions;

/// A plain name folds to lower case; a quoted one is exact.
auto Fold(const model::Name& n) -> std::string;

/// Postgres's spelling of a portable type (format_type's), or "" with `error` set.
auto TypeName(const model::Type& t, std::string& error, bool& lossy) -> std::string;

/// An expression rendered as Postgres SQL, column names folded and quoted.
auto RenderExpr(const model::Expr& e) -> std::string;

/// Canonical text of an expression that does not parse, for comparison:
/// white space and case outside literals normalised, a trailing `;` dropped
/// (expressions that parse are compared by parse tree: expr.h).
auto NormalizeExpr(std::string_view sql) -> std::string;

/// An SQL expression's tokens that are identifiers: (byte offset, length, folded name).
struct IdentToken {
  size_t offset, length;
  std::string name;
};
auto IdentifierTokens(std::string_view sql) -> std::vector<IdentToken>;

/// A catalog as .schema source that compiles back to exactly that catalog;
/// `unmanaged` objects are listed in a comment at the top.
/// `outside`: where the tables referenced from `c` but not in it are found,
/// written as `extern table` declarations (see WriteSource).
auto WriteSchema(const catalog::Catalog& c, const std::vector<std::string>& unmanaged,
                 const catalog::Catalog* outside = nullptr) -> std::string;

auto Lower(const model::Realm& realm, diag::Engine& diags) -> std::optional<catalog::Catalog>;
auto Emit(const plan::Plan& plan, diag::Engine& diags) -> std::optional<target::Script>;
auto Render(const plan::Plan& plan, const target::Script& script) -> std::string;

/// Phases of a Postgres script, in execution order.
enum class Phase { Before, Transaction, After };

}  // namespace schemac::backends::postgres
