// Lint findings as the user reads them: clang-style text, JSON, SARIF 2.1.0
// (code scanning) and GitHub workflow commands (pull-request annotations).
#pragma once

#include <string>
#include <vector>

#include "compiler/lint/lint.h"
#include "compiler/plan/plan.h"
#include "compiler/source/source.h"

namespace schemac::driver {

/// "error: message [DS103 drop-column]" with the source line, hint, and the
/// rule's page; a summary line at the end.
auto FindingsText(const std::vector<lint::Finding>& findings, const plan::Plan& plan, const source::SourceManager& sm,
                  bool color) -> std::string;
/// One finding as JSON (also each change's `hazards` in plan JSON).
auto FindingJson(const lint::Finding& f, const plan::Plan& plan, const source::SourceManager& sm) -> std::string;
auto FindingsJson(const std::vector<lint::Finding>& findings, const plan::Plan& plan, const source::SourceManager& sm)
    -> std::string;
auto FindingsSarif(const std::vector<lint::Finding>& findings, const source::SourceManager& sm) -> std::string;
auto FindingsGithub(const std::vector<lint::Finding>& findings, const source::SourceManager& sm) -> std::string;
/// The compiler's own diagnostics (a template's typo, an unknown type) as
/// GitHub workflow commands, so that a pull request that does not compile is
/// annotated too.
auto DiagnosticsGithub(const diag::Engine& diags) -> std::string;
/// GitLab's code quality report (a JSON array the merge request widget shows).
auto FindingsGitlab(const std::vector<lint::Finding>& findings, const source::SourceManager& sm) -> std::string;

}  // namespace schemac::driver
