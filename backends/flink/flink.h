// The Flink backend's internal interface: quoting, types, expressions,
// lowering and emission. The public face is target::FindBackend("flink");
// docs/backends/flink.md describes what it does and why.
//
// A Flink name has three parts, `catalog`.`database`.`table`. The catalog's
// schema level holds both of the first two: a schema is named
// "catalog.database" (the catalog from the top-level `flink { catalog X }`,
// default_catalog when not given), so that every name the plan carries is
// whole.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "compiler/diag/diag.h"
#include "compiler/model/model.h"
#include "compiler/plan/plan.h"
#include "compiler/target/target.h"

namespace schemac::backends::flink {

inline constexpr const char* kDefaultCatalog = "default_catalog";
inline constexpr const char* kDefaultDatabase = "default_database";

/// Table options that are schemac's, not the connector's: never in WITH (...).
inline constexpr const char* kEvolution = "schemac.evolution";         // alter | versioned | registry
inline constexpr const char* kPartitionedBy = "schemac.partitioned_by";  // `a`, `b`
inline constexpr const char* kCompatibility = "schemac.compatibility";   // BACKWARD, FULL_TRANSITIVE, ...
/// Under `evolution registry`: the table's Avro value schema (JSON, as
/// Flink's Avro converter derives it), the schema its topic's subject holds
/// in Schema Registry. A change of it is the registry step of a plan.
inline constexpr const char* kValueSchema = "schemac.value_schema";
/// The value schemas registered before the current one (a JSON array, oldest
/// first), kept by `schemac snapshot --from`: what a _TRANSITIVE
/// compatibility mode judges a new schema against, with the current one.
inline constexpr const char* kValueSchemaHistory = "schemac.value_schema_history";

/// `name` in backticks (a backtick doubled).
auto QuoteIdent(std::string_view name) -> std::string;
/// A schema ("catalog.database") or an object in one, every part quoted.
auto QuoteSchema(std::string_view schema) -> std::string;
auto QuoteName(std::string_view schema, std::string_view name) -> std::string;
auto QuoteLiteral(std::string_view text) -> std::string;

/// Flink names are case-sensitive and kept as written.
auto Fold(const model::Name& n) -> std::string;

/// Flink's spelling of a portable type, as DESCRIBE prints it ("INT",
/// "DECIMAL(10, 2)", "TIMESTAMP_LTZ(3)", "ROW<`a` INT, `b` STRING>"), or ""
/// with `error` set ("none": no Flink type). `lossy` gets why the mapping
/// loses something, when it does.
auto TypeName(const model::Type& t, std::string& error, std::string& lossy) -> std::string;

/// An expression as Flink SQL: names in backticks, casts as CAST(x AS T),
/// now() as CURRENT_TIMESTAMP, intervals as INTERVAL '5' SECOND.
auto RenderExpr(const model::Expr& e) -> std::string;
/// Expression text compared by meaning (case and white space outside
/// literals and backticks do not count).
auto NormalizeExpr(std::string_view sql) -> std::string;

auto Lower(const model::Realm& realm, diag::Engine& diags) -> std::optional<catalog::Catalog>;
auto Emit(const plan::Plan& plan, diag::Engine& diags) -> std::optional<target::Script>;
auto Render(const plan::Plan& plan, const target::Script& script) -> std::string;

/// A column whose values the connector stores (not computed, not metadata):
/// the Avro value schema's fields, what `evolution registry` keeps out of ALTER.
inline auto Physical(const catalog::Column& c) -> bool { return !c.generated && !c.metadata; }

/// Why the value schema of `to` breaks its compatibility mode against the
/// versions `from` keeps (its current one; for a _TRANSITIVE mode also its
/// history): each finding's top-level column ("" for the table) and message.
/// Empty when compatible, or when the value schema does not change.
auto Incompatible(const catalog::Table& from, const catalog::Table& to)
    -> std::vector<std::pair<std::string, std::string>>;

/// The evolution strategy of a table: its `evolution` option, else alter.
auto Evolution(const catalog::Table& t) -> std::string;

}  // namespace schemac::backends::flink
