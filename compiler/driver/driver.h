// The command line: wires the phases together. Each subcommand is a function
// of parsed options; results go to stdout, diagnostics to stderr.
#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "compiler/diag/diag.h"
#include "compiler/lint/lint.h"
#include "compiler/plan/plan.h"
#include "compiler/target/target.h"

namespace schemac::driver {

/// Exit codes (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;  // pending changes with --exit-code, or lint findings
inline constexpr int kExitError = 2;     // usage or input errors

auto Main(int argc, char** argv) -> int;

/// Plan rendering shared by `plan` and tests.
/// `findings` (the lint phase's, in plan order) are shown with their changes.
auto PlanText(const plan::Plan& plan, const target::Script& script, const source::SourceManager& sm,
              const std::vector<lint::Finding>& findings = {}) -> std::string;
/// The plan as JSON (docs/cli.md). With the desired catalog `to` and the
/// target's `backend`, also what the plan does to each table, for a
/// pipeline to alert on: `tables` (new and dropped tables; new, removed,
/// renamed and retyped columns with their types) and `tables_without_key`.
auto PlanJson(const plan::Plan& plan, const target::Script& script, const source::SourceManager& sm,
              const std::vector<lint::Finding>& findings = {}, const catalog::Catalog* to = nullptr,
              const target::Backend* backend = nullptr) -> std::string;

}  // namespace schemac::driver
