// Reading a live Postgres catalog into a catalog::Catalog, with one query per
// kind of object (never one per table), and normalising the desired side's
// expressions by letting the server parse them in a rolled-back transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "backends/postgres/connection.h"
#include "compiler/catalog/catalog.h"

namespace schemac::backends::postgres {

struct Inspection {
  catalog::Catalog catalog;
  /// Objects the language cannot express, left alone: "function public.f(int)".
  std::vector<std::string> unmanaged;
  /// A hash of the inspected catalog, to notice that it changed since a plan.
  std::string fingerprint;
};

/// Reads `schemas` (all user schemas when empty).
auto Inspect(Connection& db, const std::vector<std::string>& schemas, std::string& error) -> std::optional<Inspection>;

/// Rewrites the expressions of `desired` (defaults, generated columns,
/// checks, index keys and predicates, view bodies) in the form the server
/// stores them, by creating look-alike temporary objects inside a transaction
/// that is rolled back. What the server cannot parse keeps its own text.
/// Expressions whose text already equals `current`'s (the inspected state)
/// are kept as they are.
void NormalizeWithServer(Connection& db, catalog::Catalog& desired, const catalog::Catalog* current);

}  // namespace schemac::backends::postgres
