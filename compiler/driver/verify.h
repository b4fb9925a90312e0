// `schemac check --verify`: the test harness that compares the diagnostics
// of a compilation with the expectations written in the sources as comments
// (docs/cli.md#--verify), one compilation per case when a file is split by
// `-- -----` lines.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "compiler/diag/diag.h"
#include "compiler/source/source.h"

namespace schemac::driver {

/// One compilation as `check` runs it: `paths` read through `files`; the
/// engine returned holds its diagnostics and (`sources()`) the files read.
using CheckFn =
    std::function<std::shared_ptr<const diag::Engine>(const std::vector<std::string>& paths, source::Provider& files)>;

/// Compiles `paths` with `check` (a file holding `-- -----` lines once per
/// case, on its own) and compares each compilation's diagnostics with its
/// `-- expected-error@+N [code] {{text}}` comments. Prints the mismatches on
/// stderr, or a count on stdout; returns kExitOk or kExitFindings.
auto Verify(const std::vector<std::string>& paths, const CheckFn& check) -> int;

}  // namespace schemac::driver
