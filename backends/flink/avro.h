// The Avro side of the Flink backend: the Avro value schema Flink derives for
// a table (what its 'avro' format writes), and a compatibility checker that
// tells whether one version of such a schema can read data written with
// another, by Avro's own schema-resolution rules, under the modes a schema
// registry uses (BACKWARD, FORWARD, FULL and their transitive forms).
// docs/backends/flink-avro.md has the derivation table and the modes.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"

namespace schemac::backends::flink::avro {

/// How SQL TIMESTAMP and TIMESTAMP_LTZ become Avro: Flink's format option
/// 'avro.timestamp_mapping.legacy', true by default.
struct DeriveOptions {
  bool legacy_timestamp_mapping = true;
};

/// The Avro schema of table `t`'s physical columns (computed and metadata
/// columns are not written), as Flink's AvroSchemaConverter.convertToSchema
/// derives it: a record named `record_name`, a nullable column a union
/// ["null", T] with default null. A column type Flink cannot write as Avro
/// (an unknown type, TIME(p > 3), a map with a non-string key, ...) gives
/// {"error": "column 'c': ..."} instead of a schema.
auto RecordSchema(const catalog::Table& t, const std::string& record_name, DeriveOptions options = {})
    -> nlohmann::json;

/// The schema that the Flink type `type` (spelled as Flink's LogicalType
/// summary, e.g. "ARRAY<INT NOT NULL>") takes as a field of record
/// `record_name`; {"error": ...} when it has none.
auto TypeSchema(const std::string& type, const std::string& record_name, DeriveOptions options = {})
    -> nlohmann::json;

/// A schema registry's compatibility modes.
enum class Mode { Backward, BackwardTransitive, Forward, ForwardTransitive, Full, FullTransitive, None };

/// "BACKWARD", "full_transitive", ... (any case); nullopt for anything else.
auto ParseMode(const std::string& s) -> std::optional<Mode>;
/// "BACKWARD", "FULL_TRANSITIVE", ...
auto ModeName(Mode m) -> std::string;

/// One reason why a new schema is not compatible: the field path ("a.b",
/// "a[]", "m{}"; "" for the record itself) and what breaks.
struct Finding {
  std::string field;
  std::string message;
  auto operator==(const Finding&) const -> bool = default;
};

/// Checks `next` against the earlier versions (oldest first; version i is
/// numbered i + 1 in messages) under `mode`. BACKWARD: a reader with `next`
/// reads data written with the last earlier version; FORWARD: the last earlier
/// version reads data written with `next`; FULL: both; the *_TRANSITIVE modes
/// against every earlier version; NONE: nothing. No findings: compatible.
auto Check(const std::vector<nlohmann::json>& earlier, const nlohmann::json& next, Mode mode)
    -> std::vector<Finding>;

/// Why a reader cannot read what a writer wrote: the field path and the
/// reason, without the direction and mode (Check adds those).
struct Incompatibility {
  std::string field;
  std::string reason;
};
/// Whether a reader with schema `reader` can read everything written with
/// `writer` (Avro 1.11 "Schema Resolution", as Avro's own checker applies
/// it): empty when it can, else why not.
auto CanRead(const nlohmann::json& reader, const nlohmann::json& writer) -> std::vector<Incompatibility>;

}  // namespace schemac::backends::flink::avro
