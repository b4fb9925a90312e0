// The differ: two catalogs of one target in, the list of changes that turns
// the first into the second out. Written once for every target; the backend
// supplies what differs (builtin schemas, expression equality).
#pragma once

#include <vector>

#include "compiler/diag/diag.h"
#include "compiler/diff/change.h"
#include "compiler/target/target.h"

namespace schemac::diff {

/// Changes from `from` (the current state) to `to` (the desired state), with
/// their dependency edges; unordered. Errors (a removed enum value, a change
/// no target can make) are reported to `diags`.
auto Diff(const catalog::Catalog& from, const catalog::Catalog& to, const target::Backend& backend,
          diag::Engine& diags) -> std::vector<Change>;

}  // namespace schemac::diff
