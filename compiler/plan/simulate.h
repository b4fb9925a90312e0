// An in-memory applier: what a catalog looks like after a plan runs. Used by
// the convergence property test (plan(A→B) applied to A gives B) and useful to
// preview the state a saved plan leads to.
#pragma once

#include <optional>
#include <string>

#include "compiler/catalog/catalog.h"
#include "compiler/plan/plan.h"
#include "compiler/target/target.h"

namespace schemac::plan {

/// Applies `plan` to `from` change by change, as the database would. Returns
/// nullopt and sets `error` when a change does not apply (e.g. it drops a
/// table that does not exist), which means the plan or its order is wrong.
auto Simulate(const catalog::Catalog& from, const Plan& plan, std::string& error) -> std::optional<catalog::Catalog>;
/// The same, with the backend given (a target that is not registered: the tests' fake one).
auto Simulate(const catalog::Catalog& from, const Plan& plan, const target::Backend& backend, std::string& error)
    -> std::optional<catalog::Catalog>;

}  // namespace schemac::plan
