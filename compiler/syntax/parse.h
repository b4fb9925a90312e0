// Parsing: .schema text to an AST file. Syntax errors are reported to the
// engine, the parser recovers and keeps going; the result holds what parsed.
#pragma once

#include "compiler/diag/diag.h"
#include "compiler/syntax/ast.h"

namespace schemac::syntax {

/// Parses file `id` of the engine's source manager.
auto Parse(source::FileId id, const source::SourceManager& sm, diag::Engine& diags) -> ast::File;

/// Parses a single expression (used by tests and by snapshot readers).
auto ParseExpr(source::FileId id, const source::SourceManager& sm, diag::Engine& diags) -> std::optional<ast::Expr>;

}  // namespace schemac::syntax
