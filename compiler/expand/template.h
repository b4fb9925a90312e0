// Templates: `let` constants, `for` loops, `union all (for y in years: t_${y})`
// and `${...}` interpolation (docs/language.md, "Constants, loops and
// templates"). Expansion rewrites the syntax tree so that it reads as if
// every copy had been written by hand; it runs before mixins are inlined and
// before anything is checked.
#pragma once

#include "compiler/diag/diag.h"
#include "compiler/syntax/ast.h"

namespace schemac::expand {

/// Replaces every `for` by its copies, drops every `let`, and evaluates every
/// `${...}`. What a loop stamps out keeps the template's source ranges, with
/// SourceRange::expansion naming the iteration (recorded in `sm`).
void ExpandTemplates(ast::Unit& unit, source::SourceManager& sm, diag::Engine& diags);

/// Stamps `items` with `iteration`: a table's items after its mixins are
/// inlined, so that what a mixin brings to a stamped-out table names the
/// iteration too.
void StampIteration(std::vector<ast::TableItem>& items, uint32_t iteration, source::SourceManager& sm, diag::Engine& diags);

/// Writes every `${` in the strings and raw bodies of an expanded `unit` as
/// `$${`, so that the expansion printed as .schema reads back as itself.
void EscapeInterpolation(ast::Unit& unit, source::SourceManager& sm, diag::Engine& diags);

}  // namespace schemac::expand
