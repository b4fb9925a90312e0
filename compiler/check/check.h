// Checking (semantic analysis): resolves names, types and references across
// the unit and produces the portable model. Every error is a diagnostic with
// a source range; the result is nullopt when any error was reported.
#pragma once

#include <optional>

#include "compiler/diag/diag.h"
#include "compiler/model/model.h"
#include "compiler/syntax/ast.h"
#include "compiler/target/dialect.h"

namespace schemac::check {

/// `dialect`: the target the model is checked for (the one being compiled;
/// its namespace, literal, sequence, collation and index rules). Callers
/// with no target (tests, fuzzers) get the default target's.
auto Check(const ast::Unit& unit, diag::Engine& diags, const target::Dialect& dialect = target::DefaultDialect())
    -> std::optional<model::Realm>;

/// The model's expression for a syntax tree expression: names kept as
/// written, `sql('...')` recognised, cast types resolved. Check() builds
/// every expression of the model with it, those of target-block options too.
auto BuildExpr(const ast::Expr& e) -> model::Expr;

/// The targets schemac knows (each has a target::Dialect), in the order it lists them.
auto TargetNames() -> const std::vector<std::string>&;

}  // namespace schemac::check
