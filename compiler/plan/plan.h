// Planning: puts the differ's changes in an order in which every statement can
// run — dependents dropped first, created last — and breaks foreign-key cycles
// among new tables by adding those keys after the tables.
#pragma once

#include <string>
#include <vector>

#include "compiler/diag/diag.h"
#include "compiler/diff/change.h"
#include "compiler/target/target.h"

namespace schemac::plan {

struct Plan {
  std::string target;
  std::vector<diff::Change> changes;  // in execution order; `after` holds positions in this list
  /// The target runs DDL in transactions: the plan can run in one (apart
  /// from what the target runs before it). False: each statement commits
  /// on its own, and the emitted statements are written to be re-run.
  bool transactional = true;
  /// Made the target's lock-friendly way where it has one (Postgres:
  /// indexes built concurrently, constraints validated apart): `--online`,
  /// or the source's `postgres { online }`.
  bool online = false;
  /// Session settings a rendered script sets before its first statement
  /// (online plans on Postgres: lock_timeout, statement_timeout).
  std::vector<std::pair<std::string, std::string>> settings;
  auto empty() const -> bool { return changes.empty(); }
};

/// Orders `changes` topologically; ties keep a conventional order (drops of
/// views and keys, drops, creates, alters, keys, indexes, views, comments).
auto Order(const target::Backend& backend, std::vector<diff::Change> changes, diag::Engine& diags) -> Plan;

}  // namespace schemac::plan
