// The formatter behind `schemac fmt`: prints a parsed file in the canonical
// layout (lower-case keywords, two-space indentation, aligned columns),
// keeping every comment. Formatting is idempotent: Format(Parse(Format(x)))
// equals Format(x).
#pragma once

#include <string>

#include "compiler/source/source.h"
#include "compiler/syntax/ast.h"

namespace schemac::format {

/// The canonical text of `file` (parsed from `sm`), comments included.
auto Format(const ast::File& file, const source::SourceManager& sm) -> std::string;

}  // namespace schemac::format
