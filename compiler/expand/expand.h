// Expansion: loads the compilation unit (the given paths and everything they
// import) and rewrites the AST so that it reads as if written by hand:
// templates are stamped out (template.h), then mixins are inlined at their
// `include`.
#pragma once

#include <string>
#include <vector>

#include "compiler/diag/diag.h"
#include "compiler/syntax/ast.h"

namespace schemac::expand {

/// Parses `paths` (files, or directories searched for *.schema) and their
/// imports. `std.*` modules are read from the standard library on disk.
auto Load(const std::vector<std::string>& paths, source::Provider& files, source::SourceManager& sm,
          diag::Engine& diags) -> ast::Unit;

/// Expands templates, then inlines mixins. Iterations of template loops are
/// recorded in `sm`, for diagnostics.
void Expand(ast::Unit& unit, source::SourceManager& sm, diag::Engine& diags);

/// Directory of the standard library (SCHEMAC_STDLIB overrides the built-in path).
auto StdlibDir() -> std::string;

}  // namespace schemac::expand
