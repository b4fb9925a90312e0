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
  auto empty() const -> bool { return changes.empty(); }
};

/// Orders `changes` topologically; ties keep a conventional order (drops of
/// views and keys, drops, creates, alters, keys, indexes, views, comments).
auto Order(const target::Backend& backend, std::vector<diff::Change> changes, diag::Engine& diags) -> Plan;

}  // namespace schemac::plan
