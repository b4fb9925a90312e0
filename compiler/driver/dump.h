// Text dumps of each phase's product for `plan --dump=...` and for tests.
#pragma once

#include <string>
#include <vector>

#include "compiler/diff/change.h"
#include "compiler/model/model.h"
#include "compiler/syntax/ast.h"

namespace schemac::driver {

auto DumpAst(const ast::Unit& unit, const source::SourceManager& sm) -> std::string;
/// The unit after expansion, as `.schema` text: what the templates stamped
/// out (every `${` in a string escaped as `$${`, so that it reads back the same).
/// Consumes `unit`.
auto DumpExpanded(ast::Unit& unit, source::SourceManager& sm) -> std::string;
auto DumpModel(const model::Realm& realm) -> std::string;
auto DumpChanges(const std::vector<diff::Change>& changes, const source::SourceManager& sm) -> std::string;
/// An expression in a compact, fully parenthesised form: (+ a (* b c)).
auto DumpExpr(const ast::Expr& e) -> std::string;

}  // namespace schemac::driver
